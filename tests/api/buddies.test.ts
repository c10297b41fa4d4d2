/**
 * Buddy rounds through real HTTP: a facilitator proposes, reviews, swaps and publishes;
 * every member gets exactly one introduction in their personal chat; the sprint's
 * check-ins follow on the local clock; private wishes and circles stay private.
 */
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { BuddiesOverview, ErrorBody, RoundResponse, type BuddyRoundView } from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { personalConversation, startRecordingConnector, type RecordingConnector } from "../support/connector";
import { asUser, startServer, type TestServer } from "../support/server";

const clock = new ManualClock("2026-11-20T15:00:00Z");
let server: TestServer;
let connector: RecordingConnector;
const B = `/api/communities/${DEMO_COMMUNITY_ID}/buddies`;
const as = (user: string) => asUser(server.baseUrl, `aad-user-${user}`);
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const overview = async (user: string) => BuddiesOverview.parse(await (await as(user)(B)).json());

async function error(res: Response, status: number) {
  expect(res.status).toBe(status);
  return ErrorBody.parse(await res.json()).error;
}

const taking = DEMO_PEOPLE.filter((p) => p.role !== "sponsor").map((p) => p.userId);
const memberIds = (round: BuddyRoundView) => round.groups.flatMap((g) => g.members.map((m) => m.userId));

beforeAll(async () => {
  [server, connector] = await Promise.all([startServer({ clock }), startRecordingConnector()]);
  for (const p of DEMO_PEOPLE) await server.ctx.repos.directory.saveConversation(personalConversation(connector, DEMO_TENANT_ID, p.userId, clock.now().toISOString()));
});
afterAll(async () => {
  await connector.close();
  await server.close();
});

it("keeps the don't-pair list private and shows each reader only their own circles", async () => {
  const res = await as("priya")(`${B}/me`, json("PUT", { avoidPairingWith: ["aad-user-lucas"] }));
  expect(res.status).toBe(200);
  expect((await overview("priya")).preferences.avoidPairingWith.map((p) => p.userId)).toEqual(["aad-user-lucas"]);
  const jonasView = await (await as("jonas")(B)).text();
  expect(JSON.parse(jonasView).preferences.avoidPairingWith).toEqual([]);
  expect((await overview("fatima")).circles.map((c) => c.name)).toEqual(["Lighthouse circle"]);
  expect((await overview("grace")).circles).toEqual([]);
  expect(await error(await as("priya")(`${B}/me`, json("PUT", { avoidPairingWith: ["aad-user-nobody"] })), 400)).toMatchObject({ field: "avoidPairingWith" });
  expect(await error(await as("priya")(`${B}/me`, json("PUT", { snoozeUntil: "2020-01-01" })), 400)).toMatchObject({ field: "snoozeUntil" });
});

it("lets only facilitators and leads propose; everyone taking part is matched once, sponsors and opted-out members not at all", async () => {
  expect((await error(await as("priya")(`${B}/rounds`, json("POST", {})), 403)).message).toMatch(/facilitators and leads/);
  await as("olivia")(`${B}/me`, json("PUT", { optedOut: true }));
  const res = await as("jonas")(`${B}/rounds`, json("POST", { seed: 42 }));
  expect(res.status).toBe(201);
  const { round } = RoundResponse.parse(await res.json());
  const matched = memberIds(round).concat(round.unmatched.map((u) => u.userId));
  expect([...matched].sort()).toEqual(taking.filter((id) => id !== "aad-user-olivia").sort());
  expect(new Set(matched).size).toBe(matched.length);
  expect(round.groups.every((g) => g.members.length === 2 || g.members.length === 3)).toBe(true);
  // Priya asked not to be paired with Lucas; the last round's pairs don't repeat.
  const together = (a: string, b: string) => round.groups.some((g) => g.members.some((m) => m.userId === a) && g.members.some((m) => m.userId === b));
  expect(together("aad-user-priya", "aad-user-lucas")).toBe(false);
  expect(together("aad-user-amara", "aad-user-aiko")).toBe(false);
  expect(round.crossDepartmentShare).toBe(round.bestCrossDepartmentShare);
  for (const g of round.groups) expect(g.reasons.length).toBeGreaterThan(0);
  // Priya, a member, sees no draft.
  expect((await overview("priya")).draft).toBeNull();
  expect((await overview("jonas")).draft?.id).toBe(round.id);
});

it("swaps two people in the draft, refuses what would break a private wish, then publishes one introduction per member", async () => {
  const draft = (await overview("jonas")).draft!;
  const [g1, g2] = draft.groups;
  const a = g1!.members[0]!.userId;
  const b = g2!.members[0]!.userId;
  expect((await error(await as("jonas")(`${B}/rounds/${draft.id}/swap`, json("POST", { a, b: g1!.members[1]!.userId })), 400)).field).toBe("b");
  let res = await as("jonas")(`${B}/rounds/${draft.id}/swap`, json("POST", { a, b }));
  const swapped = RoundResponse.parse(await res.json()).round;
  expect(swapped.groups[0]!.members.map((m) => m.userId)).toContain(b);
  expect(swapped.groups[1]!.members.map((m) => m.userId)).toContain(a);

  // Putting Lucas with Priya is refused, without saying whose wish it is.
  const priyaGroup = swapped.groups.find((g) => g.members.some((m) => m.userId === "aad-user-priya"))!;
  const partner = priyaGroup.members.find((m) => m.userId !== "aad-user-priya")!.userId;
  if (!priyaGroup.members.some((m) => m.userId === "aad-user-lucas")) {
    const refusal = await error(await as("jonas")(`${B}/rounds/${draft.id}/swap`, json("POST", { a: partner, b: "aad-user-lucas" })), 409);
    expect(refusal.message).not.toMatch(/Priya|Lucas/);
  }

  connector.reset();
  res = await as("jonas")(`${B}/rounds/${draft.id}/publish`, json("POST", {}));
  expect(res.status).toBe(200);
  const published = RoundResponse.parse(await res.json()).round;
  await server.scheduler.runDue();
  const intros = connector.activities.filter((x) => JSON.stringify(x.activity).includes("buddy"));
  expect(intros).toHaveLength(memberIds(published).length);
  expect(new Set(intros.map((x) => x.conversationId)).size).toBe(intros.length);
  await server.scheduler.runDue();
  expect(connector.activities.filter((x) => JSON.stringify(x.activity).includes("buddy"))).toHaveLength(memberIds(published).length);
  expect((await error(await as("jonas")(`${B}/rounds/${draft.id}/publish`, json("POST", {})), 409)).message).toMatch(/already published/);

  const mine = await overview("priya");
  expect(mine.current?.roundId).toBe(published.id);
  expect(mine.current?.chatLink).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=[a-z.]+%40example\.com/);
});

it("sends the mid-sprint check-in on the local clock and records reflections, the closing one with a practice", async () => {
  const { current } = await overview("priya");
  connector.reset();
  await server.scheduler.runUntil(new Date(`${current!.sprint.midOn}T10:00:00Z`), (at) => clock.advanceTo(at));
  const checkIns = connector.activities.filter((x) => x.conversationId === "a:personal-aad-user-priya");
  expect(checkIns.length).toBeGreaterThanOrEqual(1);
  const R = `${B}/rounds/${current!.roundId}/reflection`;
  expect((await as("priya")(R, json("PUT", { kind: "mid", stepsDone: ["observe"], text: "Watched Sam's stand-up" }))).status).toBe(200);
  expect(await error(await as("priya")(R, json("PUT", { kind: "mid", practiceId: "prc-demo-1" })), 400)).toMatchObject({ field: "practiceId" });
  expect(await error(await as("priya")(R, json("PUT", { kind: "closing", stepsDone: ["dance"] })), 400)).toMatchObject({ field: "stepsDone.0" });
  const res = await as("priya")(R, json("PUT", { kind: "closing", stepsDone: ["observe", "give feedback", "try one adjustment"], text: "Started every 1:1 with a question", practiceId: "prc-demo-1" }));
  expect(res.status).toBe(200);
  expect((await overview("priya")).current?.reflections.map((r) => r.kind).sort()).toEqual(["closing", "mid"]);
  expect((await error(await as("grace")(R, json("PUT", { kind: "mid" })), 403)).message).toMatch(/Sponsors/);
});
