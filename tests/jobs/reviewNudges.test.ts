import pino from "pino";
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { type ReviewNudge } from "../../bot/src/commands/reviewNudger";
import { runReviewNudges } from "../../bot/src/jobs/reviewNudges";
import { createProactiveSender } from "../../bot/src/teams";
import { reviewNudgeCard } from "../../bot/src/teams/cards/reviewNudgeCard";
import { startRecordingConnector, type RecordingConnector } from "../support/connector";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let connector: RecordingConnector;

beforeAll(async () => {
  [server, connector] = await Promise.all([startServer(), startRecordingConnector()]);
});
afterAll(async () => {
  await connector.close();
  await server.close();
});

const personalChat = (userId: string) => ({
  tenantId: DEMO_TENANT_ID,
  conversationId: `a:personal-${userId}`,
  scope: "personal" as const,
  userId,
  reference: { serviceUrl: connector.serviceUrl, channelId: "msteams", conversation: { id: `a:personal-${userId}` }, bot: { id: "28:bot" }, user: { id: `29:${userId}` } },
  updatedAt: new Date().toISOString(),
});

it("nudges each owner once per review date, even when two sweeps race", async () => {
  // Mei owns "The two-minute feedback routine", three days past its review date.
  await server.ctx.repos.directory.saveConversation(personalChat("aad-user-mei"));
  const sender = createProactiveSender({ config: { bot: { hasPassword: false } }, logger: pino({ level: "silent" }) });
  const delivered: ReviewNudge[] = [];
  const deliver = async (n: ReviewNudge) => {
    delivered.push(n);
    const outcome = await sender.sendCard(n.conversation.reference, reviewNudgeCard(n));
    expect(outcome.status).toBe("sent");
  };

  const [a, b] = await Promise.all([runReviewNudges(server.ctx, deliver), runReviewNudges(server.ctx, deliver)]);
  expect(a + b).toBe(1);
  const [activity] = await connector.waitForActivities(1);
  expect(activity!.conversationId).toBe("a:personal-aad-user-mei");
  expect(JSON.stringify(activity!.activity)).toContain("The two-minute feedback routine");
  expect(delivered[0]).toMatchObject({ communityId: DEMO_COMMUNITY_ID, title: "The two-minute feedback routine" });

  // A later sweep sends nothing more for the same date.
  expect(await runReviewNudges(server.ctx, deliver)).toBe(0);
  expect(connector.activities).toHaveLength(1);
});

it("leaves owners the bot cannot reach yet unclaimed, and nudges them once they can be reached", async () => {
  const stored = await server.ctx.repos.artifacts.get(DEMO_COMMUNITY_ID, "art-demo-06"); // Noah's template
  await server.ctx.repos.artifacts.replace({ ...stored!.doc, reviewBy: "2026-01-01" }, stored!.etag);
  const deliver = jest.fn(async () => undefined);
  expect(await runReviewNudges(server.ctx, deliver)).toBe(0);
  await server.ctx.repos.directory.saveConversation(personalChat("aad-user-noah"));
  expect(await runReviewNudges(server.ctx, deliver)).toBe(1);
  expect(deliver).toHaveBeenCalledWith(expect.objectContaining({ artifactId: "art-demo-06" }));
});
