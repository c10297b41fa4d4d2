import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import {
  ArtifactHistoryResponse,
  ArtifactListResponse,
  ArtifactResponse,
  ArtifactTemplatesResponse,
  ArtifactVersionResponse,
  ErrorBody,
  type ArtifactCreateRequest,
} from "../../bot/src/contracts";
import { asUser, startServer, type TestServer } from "../support/server";

let server: TestServer;
const C = `/api/communities/${DEMO_COMMUNITY_ID}`;
const as = (user: string | null) => asUser(server.baseUrl, user);
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const checklist = (title: string): ArtifactCreateRequest => ({
  title,
  summary: "Before a hard conversation",
  body: "Read this **first**.",
  fields: { type: "checklist", items: [{ text: "Know what you want to say" }, { text: "Ask before advising" }] },
  priorities: ["feedback"],
  topics: ["conversations"],
});

async function error(res: Response, status: number) {
  expect(res.status).toBe(status);
  return ErrorBody.parse(await res.json()).error;
}

beforeAll(async () => {
  server = await startServer();
  // Someone who signs in fine but belongs to another community only.
  const now = new Date().toISOString();
  await server.ctx.repos.communities.create({ id: "com-other", tenantId: DEMO_TENANT_ID, name: "Another circle", purpose: "", culturalPriorities: [], values: [], timeZone: "UTC", createdAt: now, updatedAt: now });
  await server.ctx.repos.members.upsert(
    { communityId: "com-other", tenantId: DEMO_TENANT_ID, userId: "aad-user-outsider", displayName: "Olu Outsider", role: "lead", department: "Sales", timeZone: "UTC", circleIds: [], joinedAt: now },
    "Another circle",
  );
});
afterAll(() => server.close());

describe("every library route", () => {
  let id: string;
  beforeAll(async () => {
    const res = await as("aad-user-jonas")(`${C}/artifacts`, json("POST", checklist("Matrix item")));
    id = ArtifactResponse.parse(await res.json()).id;
  });

  const routes = () => [
    { name: "list", path: `${C}/artifacts`, init: {} as RequestInit },
    { name: "create", path: `${C}/artifacts`, init: json("POST", checklist("x")) },
    { name: "read", path: `${C}/artifacts/${id}`, init: {} },
    { name: "edit", path: `${C}/artifacts/${id}`, init: json("PUT", { ...checklist("y"), baseVersion: 1 }) },
    { name: "delete", path: `${C}/artifacts/${id}`, init: { method: "DELETE" } },
    { name: "undelete", path: `${C}/artifacts/${id}/undelete`, init: { method: "POST" } },
    { name: "history", path: `${C}/artifacts/${id}/versions`, init: {} },
    { name: "version", path: `${C}/artifacts/${id}/versions/1`, init: {} },
    { name: "restore", path: `${C}/artifacts/${id}/versions/1/restore`, init: json("POST", { baseVersion: 1 }) },
  ];

  it("401 without an identity", async () => {
    for (const r of routes()) await error(await as(null)(r.path, r.init), 401);
  });

  it("403 for someone outside the community, and nothing of it leaks", async () => {
    for (const r of routes()) {
      const e = await error(await as("aad-user-outsider")(r.path, r.init), 403);
      expect(e.message).toMatch(/not a member/);
    }
  });

  it("404 for an item that does not exist", async () => {
    for (const r of routes().filter((r) => r.path.includes(id))) {
      await error(await as("aad-user-amara")(r.path.replace(id, "art-missing"), r.init), 404);
    }
  });

  it("400 with the field for bad input on each route", async () => {
    const amara = as("aad-user-amara");
    expect((await error(await amara(`${C}/artifacts?sort=random`, {}), 400)).field).toBe("sort");
    expect((await error(await amara(`${C}/artifacts`, json("POST", { ...checklist(""), title: "" })), 400)).field).toBe("title");
    expect((await error(await amara(`${C}/artifacts`, json("POST", { ...checklist("z"), fields: { type: "checklist", items: [] } })), 400)).field).toBe("fields.items");
    expect((await error(await amara(`${C}/artifacts/${id}?track=maybe`, {}), 400)).field).toBe("track");
    expect((await error(await amara(`${C}/artifacts/${id}`, json("PUT", checklist("no base"))), 400)).field).toBe("baseVersion");
    expect((await error(await amara(`${C}/artifacts/bad%20id`, { method: "DELETE" }), 400)).message).toMatch(/may contain only/);
    await error(await amara(`${C}/artifacts/${id}/undelete`, { method: "POST" }), 400); // not deleted
    await error(await amara(`${C}/artifacts/bad%20id/versions`, {}), 400);
    expect((await error(await amara(`${C}/artifacts/${id}/versions/0`, {}), 400)).message).toMatch(/1 or more/);
    expect((await error(await amara(`${C}/artifacts/${id}/versions/1/restore`, json("POST", {})), 400)).field).toBe("baseVersion");
  });

  it("403 when the role does not allow it", async () => {
    await error(await as("aad-user-grace")(`${C}/artifacts`, json("POST", checklist("sponsor"))), 403); // sponsors read only
    await error(await as("aad-user-priya")(`${C}/artifacts/${id}`, json("PUT", { ...checklist("not mine"), baseVersion: 1 })), 403);
    await error(await as("aad-user-jonas")(`${C}/artifacts/${id}`, { method: "DELETE" }), 403); // facilitators edit, leads delete
    await error(await as("aad-user-priya")(`${C}/artifacts?deleted=true`, {}), 403);
  });

  it("409 when someone saved first, and nothing is overwritten", async () => {
    const first = await as("aad-user-jonas")(`${C}/artifacts/${id}`, json("PUT", { ...checklist("Jonas's edit"), baseVersion: 1 }));
    expect(first.status).toBe(200);
    const second = await as("aad-user-amara")(`${C}/artifacts/${id}`, json("PUT", { ...checklist("Amara's edit"), baseVersion: 1 }));
    const e = await error(second, 409);
    expect(e.code).toBe("edit_conflict");
    expect(e.message).toMatch(/version 2.*Reload/);
    const now = ArtifactResponse.parse(await (await as("aad-user-amara")(`${C}/artifacts/${id}`)).json());
    expect(now.title).toBe("Jonas's edit");
    await error(await as("aad-user-amara")(`${C}/artifacts/${id}/versions/1/restore`, json("POST", { baseVersion: 1 })), 409);
  });

  it("200 on every route for the right person", async () => {
    const amara = as("aad-user-amara");
    expect((await amara(`${C}/artifacts`)).status).toBe(200);
    expect((await amara(`/api/artifact-templates`)).status).toBe(200);
    const read = ArtifactResponse.parse(await (await amara(`${C}/artifacts/${id}`)).json());
    expect(read.can).toEqual({ edit: true, delete: true });
    const history = ArtifactHistoryResponse.parse(await (await amara(`${C}/artifacts/${id}/versions`)).json());
    expect(history.items.map((v) => v.version)).toEqual([2, 1]);
    expect(history.items[0]).toMatchObject({ editedBy: { displayName: "Jonas Weber" }, changed: ["title"] });
    const v1 = ArtifactVersionResponse.parse(await (await amara(`${C}/artifacts/${id}/versions/1`)).json());
    expect(v1.content.title).toBe("Matrix item");
    const restored = ArtifactResponse.parse(await (await amara(`${C}/artifacts/${id}/versions/1/restore`, json("POST", { baseVersion: 2 }))).json());
    expect(restored).toMatchObject({ version: 3, title: "Matrix item" });
    const deleted = ArtifactResponse.parse(await (await amara(`${C}/artifacts/${id}`, { method: "DELETE" })).json());
    expect(deleted.deleted).toBe(true);
    const undeleted = ArtifactResponse.parse(await (await amara(`${C}/artifacts/${id}/undelete`, { method: "POST" })).json());
    expect(undeleted.deleted).toBe(false);
  });
});

describe("visibility", () => {
  const CIRCLE_CASE = "Restructuring rumours before anything is decided";
  const titles = async (user: string, q = "") =>
    ArtifactListResponse.parse(await (await as(user)(`${C}/artifacts?limit=100${q}`)).json()).items.map((i) => i.title);

  it("shows a circle-only case to its circle and to nobody else — not the lead, not the sponsor", async () => {
    expect(await titles("aad-user-fatima")).toContain(CIRCLE_CASE);
    expect(await titles("aad-user-noah")).toContain(CIRCLE_CASE); // same circle
    expect(await titles("aad-user-sam")).not.toContain(CIRCLE_CASE); // the other circle
    expect(await titles("aad-user-amara")).not.toContain(CIRCLE_CASE); // lead of another circle
    expect(await titles("aad-user-grace")).not.toContain(CIRCLE_CASE); // sponsor, no circle
    expect(await titles("aad-user-amara", "&q=rumours")).toEqual([]);
    const item = (await as("aad-user-noah")(`${C}/artifacts?q=rumours`).then((r) => r.json())) as { items: { id: string }[] };
    const circleId = item.items[0]!.id;
    await error(await as("aad-user-amara")(`${C}/artifacts/${circleId}`), 404);
    await error(await as("aad-user-amara")(`${C}/artifacts/${circleId}/versions`), 404);
    expect((await as("aad-user-noah")(`${C}/artifacts/${circleId}`)).status).toBe(200);
  });

  it("keeps private drafts to their author", async () => {
    const res = await as("aad-user-priya")(`${C}/artifacts`, json("POST", { ...checklist("Priya's draft"), visibility: "private" }));
    const draft = ArtifactResponse.parse(await res.json());
    expect(await titles("aad-user-priya")).toContain("Priya's draft");
    expect(await titles("aad-user-amara")).not.toContain("Priya's draft");
    await error(await as("aad-user-amara")(`${C}/artifacts/${draft.id}`), 404);
  });

  it("keeps anonymous shares inside the author's circle", async () => {
    const e = await error(await as("aad-user-priya")(`${C}/artifacts`, json("POST", { title: "Loud and anonymous", fields: { type: "case-summary", situation: "s", question: "q" }, anonymous: true })), 400);
    expect(e).toMatchObject({ field: "visibility", message: expect.stringMatching(/peer circle/) });
  });

  it("refuses sharing with a circle you are not in", async () => {
    const e = await error(await as("aad-user-amara")(`${C}/artifacts`, json("POST", { ...checklist("x"), visibility: "circle", circleId: "circle-lighthouse" })), 400);
    expect(e.field).toBe("circleId");
  });

  it("never reveals an anonymous author: not in lists, items, history, or by filtering on the author", async () => {
    const created = ArtifactResponse.parse(
      await (
        await as("aad-user-priya")(
          `${C}/artifacts`,
          json("POST", { title: "A quiet case", fields: { type: "case-summary", situation: "Something hard happened", question: "What would you do?" }, anonymous: true, visibility: "circle" }),
        )
      ).json(),
    );
    expect(created.author).toBeNull();
    expect(created.can.edit).toBe(true); // the author can still edit it
    const listed = ArtifactListResponse.parse(await (await as("aad-user-amara")(`${C}/artifacts?limit=100`)).json()).items.find((i) => i.id === created.id);
    expect(listed?.author).toBeNull();
    expect(JSON.stringify(listed)).not.toMatch(/priya/i);
    for (const path of [`${C}/artifacts/${created.id}`, `${C}/artifacts/${created.id}/versions`, `${C}/artifacts/${created.id}/versions/1`]) {
      const text = await (await as("aad-user-amara")(path)).text();
      expect(text).not.toMatch(/priya/i);
    }
    expect(await titles("aad-user-amara", "&author=aad-user-priya")).not.toContain("A quiet case");
    // Only the author may lift anonymity.
    const lift = await as("aad-user-amara")(`${C}/artifacts/${created.id}`, json("PUT", { title: "A quiet case", fields: { type: "case-summary", situation: "Something hard happened", question: "What would you do?" }, anonymous: false, visibility: "circle", circleId: "circle-harbour", baseVersion: 1 }));
    await error(lift, 403);
  });
});

describe("search, filters and sort", () => {
  it("finds words in title, body, fields and tags, every word required", async () => {
    const titles = async (q: string) => ArtifactListResponse.parse(await (await as("aad-user-amara")(`${C}/artifacts?limit=100&q=${encodeURIComponent(q)}`)).json()).items.map((i) => i.title);
    expect(await titles("blameless")).toContain("Running a blameless incident review");
    expect(await titles("shift change")).toContain("Two shift leads who will not hand over to each other"); // from the case's fields
    expect(await titles("remote work")).toEqual(expect.arrayContaining(["Moving team stand-ups to three days a week"])); // a topic
    expect(await titles("blameless zebra")).toEqual([]);
  });

  it("filters by type, priority, author and date, and sorts", async () => {
    const list = async (qs: string) => ArtifactListResponse.parse(await (await as("aad-user-amara")(`${C}/artifacts?limit=100&${qs}`)).json()).items;
    expect((await list("type=decision-log")).every((i) => i.type === "decision-log")).toBe(true);
    expect((await list("priority=inclusive-decisions")).every((i) => i.priorities.includes("inclusive-decisions"))).toBe(true);
    expect((await list("author=aad-user-mei")).every((i) => i.author?.id === "aad-user-mei")).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const recent = await list(`from=${today}`);
    expect(recent.every((i) => i.updatedAt.slice(0, 10) >= today)).toBe(true);
    const opened = (await list("sort=opened")).map((i) => i.openCount);
    expect([...opened].sort((a, b) => b - a)).toEqual(opened);
    const newest = (await list("sort=newest")).map((i) => i.createdAt);
    expect([...newest].sort().reverse()).toEqual(newest);
    const due = await list("dueForReview=true");
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((i) => i.dueForReview)).toBe(true);
  });

  it("counts opens for the most-opened sort, but not when asked not to", async () => {
    const [first] = ArtifactListResponse.parse(await (await as("aad-user-amara")(`${C}/artifacts?limit=1`)).json()).items;
    const before = ArtifactResponse.parse(await (await as("aad-user-amara")(`${C}/artifacts/${first!.id}?track=false`)).json()).openCount;
    await as("aad-user-priya")(`${C}/artifacts/${first!.id}`);
    const after = ArtifactResponse.parse(await (await as("aad-user-amara")(`${C}/artifacts/${first!.id}?track=false`)).json()).openCount;
    expect(after).toBe(before + 1);
  });

  it("offers a starter template for every type", async () => {
    const { items } = ArtifactTemplatesResponse.parse(await (await as("aad-user-amara")(`/api/artifact-templates`)).json());
    expect(items.map((t) => t.type).sort()).toEqual(["case-summary", "checklist", "decision-log", "one-page-summary", "playbook", "reflection", "template"]);
    for (const t of items) expect(t.content.fields.type).toBe(t.type);
  });
});
