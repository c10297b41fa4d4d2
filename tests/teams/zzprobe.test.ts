import { createProactiveSender } from "../../bot/src/teams";
import { JONAS, TENANT, botAdded, personalChat } from "./activities";
import { LOCAL_CONFIG, startBotHarness } from "./harness";
it("probe", async () => {
  const h = await startBotHarness();
  const sender = createProactiveSender({ config: LOCAL_CONFIG, logger: h.log });
  await h.post(botAdded(personalChat(h.connector.serviceUrl, JONAS), JONAS));
  const ref = (await h.repos.directory.getPersonalConversation(TENANT, JONAS.aadObjectId))!.reference;
  for (const [status, headers] of [[429, { "retry-after": "2" }], [503, {}], [412, {}], [502, {}]] as const) {
    h.connector.reset();
    h.connector.failNext({ status, headers }, 1);
    const t = Date.now();
    const out = await sender.sendText(ref, "x");
    console.log(status, JSON.stringify(out), Date.now() - t, "ms, recorded", h.connector.activities.length);
  }
  await h.close();
}, 60000);
