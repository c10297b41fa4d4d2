/**
 * Review-by nudges ride on the daily planning job: each owner gets one nudge per item and
 * review date in their personal chat (after their quiet hours), however many days pass.
 */
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { ManualClock } from "../../bot/src/domain/clock";
import { personalConversation, startRecordingConnector, type RecordingConnector } from "../support/connector";
import { startServer, type TestServer } from "../support/server";

const clock = new ManualClock("2026-11-20T15:00:00Z");
let server: TestServer;
let connector: RecordingConnector;

beforeAll(async () => {
  [server, connector] = await Promise.all([startServer({ clock }), startRecordingConnector()]);
});
afterAll(async () => {
  await connector.close();
  await server.close();
});

const personalChat = (userId: string) => personalConversation(connector, DEMO_TENANT_ID, userId, clock.now().toISOString());

const runUntil = (iso: string) => server.scheduler.runUntil(new Date(iso), (at) => clock.advanceTo(at));
const nudgesTo = (userId: string) => connector.activities.filter((a) => a.conversationId === `a:personal-${userId}` && JSON.stringify(a.activity).includes("Time for a quick review"));

it("nudges an owner once per review date, on the first planning day after it passed", async () => {
  // Mei owns "The two-minute feedback routine", three days past its review date.
  await server.ctx.repos.directory.saveConversation(personalChat("aad-user-mei"));
  await runUntil("2026-11-21T03:00:00Z");
  expect(nudgesTo("aad-user-mei")).toHaveLength(1);
  expect(JSON.stringify(nudgesTo("aad-user-mei")[0]!.activity)).toContain("The two-minute feedback routine");

  // Later days plan again, but the same item and date are never nudged twice.
  await runUntil("2026-11-23T03:00:00Z");
  expect(nudgesTo("aad-user-mei")).toHaveLength(1);
});

it("leaves owners the bot cannot reach yet, nudges them once it can, and waits for their quiet hours to end", async () => {
  const stored = await server.ctx.repos.artifacts.get(DEMO_COMMUNITY_ID, "art-demo-06"); // Noah's template
  await server.ctx.repos.artifacts.replace({ ...stored!.doc, reviewBy: "2026-11-01" }, stored!.etag);
  await runUntil("2026-11-24T03:00:00Z");
  expect(nudgesTo("aad-user-noah")).toHaveLength(0);

  await server.ctx.repos.directory.saveConversation(personalChat("aad-user-noah"));
  // Planning runs at 02:00 UTC, which is 20:00 in Chicago: Noah's quiet hours (20:00–08:00) hold the nudge until 08:00 there.
  await runUntil("2026-11-25T13:59:00Z");
  expect(nudgesTo("aad-user-noah")).toHaveLength(0);
  await runUntil("2026-11-25T14:01:00Z");
  expect(nudgesTo("aad-user-noah")).toHaveLength(1);
});
