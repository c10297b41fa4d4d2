/** The review's privacy findings, each pinned by a test that failed before its fix. */
import { shareCase } from "../../bot/src/commands/caseSharer";
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { ArtifactHistoryResponse, ArtifactResponse, ErrorBody, type ArtifactCreateRequest } from "../../bot/src/contracts";
import { asUser, startServer, type TestServer } from "../support/server";

let server: TestServer;
const C = `/api/communities/${DEMO_COMMUNITY_ID}`;
const as = (user: string) => asUser(server.baseUrl, user);
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const LINK = "https://teams.microsoft.com/l/message/19:abc@thread.v2/1700000000000?tenantId=t&groupId=g";

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const circleCase = (title: string): ArtifactCreateRequest => ({
  title,
  fields: { type: "case-summary", situation: "Names: Alex and Sam in the night shift", question: "How do I handle it?" },
  visibility: "circle",
  circleId: "circle-lighthouse",
});

it("an anonymous case keeps no link to the message it came from (the link names its sender)", async () => {
  const identity = { tenantId: DEMO_TENANT_ID, userId: "aad-user-priya", displayName: "Priya Raman" };
  const view = await shareCase(server.ctx, identity, { communityId: DEMO_COMMUNITY_ID, title: "From a chat", situation: "It happened", question: "What now?", anonymous: true, visibility: "circle", messageLink: LINK });
  expect(view.source).toEqual({ kind: "teams-message" });
  const stored = await server.ctx.repos.artifacts.get(DEMO_COMMUNITY_ID, view.id);
  expect(JSON.stringify(stored!.doc)).not.toContain("/l/message/");
  const named = await shareCase(server.ctx, identity, { communityId: DEMO_COMMUNITY_ID, title: "Named", situation: "It happened", question: "What now?", messageLink: LINK });
  expect(named.source).toEqual({ kind: "teams-message", messageLink: LINK });
});

it("refuses a message link that is not a Teams link", async () => {
  const identity = { tenantId: DEMO_TENANT_ID, userId: "aad-user-priya", displayName: "Priya Raman" };
  for (const messageLink of ["javascript:alert(1)", "https://teams.microsoft.com.evil.example/l/message/x", "http://teams.microsoft.com/l/message/x"]) {
    await expect(shareCase(server.ctx, identity, { communityId: DEMO_COMMUNITY_ID, title: "x", situation: "y", question: "z", messageLink })).rejects.toThrow();
  }
});

it("widening an item later does not open its confidential past, and only the author may change its audience", async () => {
  const fatima = as("aad-user-fatima"); // lighthouse circle
  const created = ArtifactResponse.parse(await (await fatima(`${C}/artifacts`, json("POST", circleCase("A confidential case")))).json());
  // A lead outside the circle cannot widen it (they cannot even see it).
  expect((await as("aad-user-amara")(`${C}/artifacts/${created.id}`, json("PUT", { ...circleCase("x"), visibility: "community", circleId: undefined, baseVersion: 1 }))).status).toBe(404);
  // The author removes the names and opens it to everyone.
  const opened = await fatima(`${C}/artifacts/${created.id}`, json("PUT", { title: "A case, names removed", fields: { type: "case-summary", situation: "Two people on the night shift", question: "How do I handle it?" }, visibility: "community", baseVersion: 1 }));
  expect(opened.status).toBe(200);

  const amara = as("aad-user-amara");
  const history = ArtifactHistoryResponse.parse(await (await amara(`${C}/artifacts/${created.id}/versions`)).json());
  expect(history.items.map((v) => v.version)).toEqual([2]);
  expect(JSON.stringify(history)).not.toContain("Alex");
  expect((await amara(`${C}/artifacts/${created.id}/versions/1`)).status).toBe(404);
  expect((await amara(`${C}/artifacts/${created.id}/versions/1/restore`, json("POST", { baseVersion: 2 }))).status).toBe(404);
  // The circle still sees the whole history.
  const circleHistory = ArtifactHistoryResponse.parse(await (await as("aad-user-noah")(`${C}/artifacts/${created.id}/versions`)).json());
  expect(circleHistory.items.map((v) => v.version)).toEqual([2, 1]);
  // A circle member who is not the author may not bring the circle's words back to everyone.
  const restore = await as("aad-user-noah")(`${C}/artifacts/${created.id}/versions/1/restore`, json("POST", { baseVersion: 2 }));
  expect(restore.status).toBe(403);
  // And a facilitator may edit the words of a community item, but not who can see it.
  const jonas = as("aad-user-jonas");
  const narrowed = await jonas(`${C}/artifacts/${created.id}`, json("PUT", { title: "A case, names removed", fields: { type: "case-summary", situation: "Two people on the night shift", question: "How do I handle it?" }, visibility: "private", baseVersion: 2 }));
  expect(ErrorBody.parse(await narrowed.json()).error.message).toMatch(/who can see it/);
});

it("a deleted item's versions expire with it, and stop expiring when it is restored", async () => {
  const amara = as("aad-user-amara");
  const created = ArtifactResponse.parse(await (await amara(`${C}/artifacts`, json("POST", { title: "Soon gone", fields: { type: "template", whenToUse: "" } }))).json());
  const versionTtl = async () => ((await server.store.container("communities").read(DEMO_COMMUNITY_ID, `ver-${created.id}-1`))?.doc as { ttl?: number } | undefined)?.ttl;
  expect(await versionTtl()).toBeUndefined();
  await amara(`${C}/artifacts/${created.id}`, { method: "DELETE" });
  expect(await versionTtl()).toBe(30 * 24 * 60 * 60);
  await amara(`${C}/artifacts/${created.id}/undelete`, { method: "POST" });
  expect(await versionTtl()).toBeUndefined();
});

it("a version left by a save that never completed is not history", async () => {
  const amara = as("aad-user-amara");
  const created = ArtifactResponse.parse(await (await amara(`${C}/artifacts`, json("POST", { title: "Steady", fields: { type: "template", whenToUse: "" } }))).json());
  const [v1] = (await server.ctx.repos.artifacts.listVersions(DEMO_COMMUNITY_ID, created.id, 1)) ?? [];
  await server.ctx.repos.artifacts.createVersion({ ...v1!, version: 2, content: { ...v1!.content, title: "Phantom" } });
  const history = ArtifactHistoryResponse.parse(await (await amara(`${C}/artifacts/${created.id}/versions`)).json());
  expect(history.items.map((v) => v.title)).toEqual(["Steady"]);
  expect((await amara(`${C}/artifacts/${created.id}/versions/2`)).status).toBe(404);
});
