/**
 * Onboarding end to end: Teams posts a conversationUpdate adding someone to the demo
 * community's team to /api/messages; they become a member, and after the scheduler runs
 * exactly one welcome card reaches them in a personal chat the bot opens for them (there
 * was none). The same event again sends nothing more; people who have long been members
 * and teams without a community get nothing.
 */
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { ManualClock } from "../../bot/src/domain/clock";
import { type AdaptiveCard } from "../../bot/src/teams/cards";
import { type RecordedActivity, startRecordingConnector, type RecordingConnector } from "../support/connector";
import { startServer, type TestServer } from "../support/server";
import { memberAdded, PRIYA, demoChannel, teamChannel, type Activity } from "./activities";
import { expectTeamsReady } from "./cardChecks";

const clock = new ManualClock("2026-11-20T15:00:00Z"); // 15:00 in London: outside anyone's quiet hours
let server: TestServer;
let connector: RecordingConnector;

const NADIA = { id: "29:nadia", name: "Nadia Petrova", aadObjectId: "aad-user-nadia" };

/** What Teams sends when Nadia joins the demo team: membersAdded with her Teams id, Entra object id and name. */
const nadiaJoins = (): Activity => ({ ...memberAdded({ ...demoChannel(connector.serviceUrl) }), membersAdded: [{ id: NADIA.id, aadObjectId: NADIA.aadObjectId, name: NADIA.name }] });

async function post(activity: Activity): Promise<void> {
  const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  expect(res.status).toBeLessThan(300);
}

const openedFor = (userId: string) => connector.conversations.filter((c) => JSON.stringify((c.parameters as { members?: unknown }).members ?? []).includes(userId));
const cardOf = (a: RecordedActivity) => ((a.activity.attachments as { content: AdaptiveCard }[] | undefined) ?? [])[0]?.content;
const welcomesIn = (conversationId: string) => connector.activities.filter((a) => a.conversationId === conversationId && JSON.stringify(a.activity).includes("Our charter in brief"));

beforeAll(async () => {
  [server, connector] = await Promise.all([startServer({ clock }), startRecordingConnector()]);
  // Whatever the demo queued for the seed's moment goes first (nowhere: no conversations are known yet).
  await server.scheduler.runDue();
  connector.reset();
});
afterAll(async () => {
  await connector.close();
  await server.close();
});

it("records someone who joins the team as a member and sends them exactly one welcome card in a personal chat", async () => {
  await post(nadiaJoins());
  // Nothing is posted in the channel during the turn.
  expect(connector.activities).toHaveLength(0);
  const member = await server.ctx.repos.members.get(DEMO_COMMUNITY_ID, NADIA.aadObjectId);
  expect(member?.doc).toMatchObject({ displayName: "Nadia Petrova", role: "member", tenantId: DEMO_TENANT_ID, timeZone: "Europe/London" });
  expect(await server.ctx.repos.directory.getMemberships(DEMO_TENANT_ID, NADIA.aadObjectId)).toEqual([expect.objectContaining({ communityId: DEMO_COMMUNITY_ID, role: "member" })]);

  await server.scheduler.runDue();
  const opened = openedFor(NADIA.aadObjectId);
  expect(opened).toHaveLength(1);
  expect(opened[0]!.parameters).toMatchObject({ isGroup: false, members: [{ id: NADIA.aadObjectId }], tenantId: DEMO_TENANT_ID });
  const welcomes = welcomesIn(opened[0]!.id);
  expect(welcomes).toHaveLength(1);
  expect((await server.ctx.repos.directory.getPersonalConversation(DEMO_TENANT_ID, NADIA.aadObjectId))?.conversationId).toBe(opened[0]!.id);

  const card = cardOf(welcomes[0]!)!;
  expectTeamsReady(card);
  const text = JSON.stringify(card);
  expect(text).toContain("Welcome, Nadia");
  expect(text).toContain("Help every manager here lead a little better each month");
  expect(text).toContain("What is said about a person stays in the room");
  expect(text).not.toContain("Cameras optional"); // the fourth norm: the brief has three
  expect(text).toContain("Every week on Tuesday at 09:00 (Europe/London), 30 minutes");
  expect(text).toContain("Amara Okafor, Lead (Operations)");
  expect(text).toContain("Jonas Weber, Facilitator (Engineering)");
  const opens = (card.body as { type: string; actions?: { title: string; url: string }[] }[]).filter((e) => e.type === "ActionSet").flatMap((e) => e.actions ?? []);
  expect(opens).toHaveLength(3);
  for (const open of opens) expect(open.url).toMatch(/artifact|item=/);
  expect((card.actions ?? []).map((a) => a.title)).toContain("Open the Charter tab");
});

it("sends nothing more when Teams sends the same event again, or the scheduler runs again", async () => {
  await post(nadiaJoins());
  await server.scheduler.runDue();
  await server.scheduler.runDue();
  expect(openedFor(NADIA.aadObjectId)).toHaveLength(1);
  expect(welcomesIn(openedFor(NADIA.aadObjectId)[0]!.id)).toHaveLength(1);
  expect(connector.activities.filter((a) => JSON.stringify(a.activity).includes("Our charter in brief"))).toHaveLength(1);
});

it("does not welcome someone who has long been a member, nor anyone joining a team without a community", async () => {
  const before = connector.activities.length;
  await post({ ...memberAdded(demoChannel(connector.serviceUrl), PRIYA) });
  const stranger = { id: "29:ola", name: "Ola Stranger", aadObjectId: "aad-user-ola" };
  await post({ ...memberAdded(teamChannel(connector.serviceUrl, "19:unlinked@thread.tacv2", "Unlinked"), stranger), channelData: { tenant: { id: DEMO_TENANT_ID }, team: { id: "19:unlinked@thread.tacv2" } } });
  await server.scheduler.runDue();
  expect(connector.activities.length).toBe(before);
  expect(await server.ctx.repos.directory.getMemberships(DEMO_TENANT_ID, stranger.aadObjectId)).toEqual([]);
  expect((await server.ctx.repos.members.get(DEMO_COMMUNITY_ID, PRIYA.aadObjectId))?.doc.role).toBe("member");
});
