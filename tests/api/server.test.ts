import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_COMMUNITY_ID } from "../../bot/src/commands/demo/people";
import { ArtifactListResponse, CommunityResponse, DevUsersResponse, ErrorBody, MeResponse } from "../../bot/src/contracts";
import { asUser, startServer, type TestServer } from "../support/server";

let server: TestServer;
let amara: ReturnType<typeof asUser>;

beforeAll(async () => {
  server = await startServer();
  amara = asUser(server.baseUrl, "aad-user-amara");
});
afterAll(() => server.close());

async function expectError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = ErrorBody.parse(await res.json());
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body;
}

describe("health and edges", () => {
  it("GET /healthz answers 200 ok while the store answers", async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("an unknown API route is a JSON 404", async () => {
    await expectError(await amara("/api/nothing-here"), 404, "not_found");
  });

  it("malformed JSON is a 400 that says what is wrong", async () => {
    const res = await amara("/api/me", { method: "POST", headers: { "content-type": "application/json" }, body: '{"oops": ' });
    const body = await expectError(res, 400, "malformed_json");
    expect(body.error.message).toMatch(/not valid JSON/);
  });

  it("a body over 1 MB is a 413", async () => {
    const big = JSON.stringify({ text: "x".repeat(1_100_000) });
    await expectError(await amara("/api/me", { method: "POST", headers: { "content-type": "application/json" }, body: big }), 413, "payload_too_large");
  });

  it("malformed JSON to the bot endpoint is a 400, not a 500", async () => {
    const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    await expectError(res, 400, "malformed_json");
  });

  it("sends security headers that still let Teams frame the tab", async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors");
    expect(csp).toContain("https://teams.microsoft.com");
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes a well-formed incoming request id and ignores a hostile one", async () => {
    const good = await fetch(`${server.baseUrl}/healthz`, { headers: { "x-request-id": "trace-123" } });
    expect(good.headers.get("x-request-id")).toBe("trace-123");
    const bad = await fetch(`${server.baseUrl}/healthz`, { headers: { "x-request-id": "<script>" } });
    expect(bad.headers.get("x-request-id")).not.toBe("<script>");
  });
});

describe("identity", () => {
  it("refuses the API without an identity (401) and says how to pick one locally", async () => {
    const body = await expectError(await asUser(server.baseUrl, null)("/api/me"), 401, "unauthorized");
    expect(body.error.message).toMatch(/X-Dev-User/);
  });

  it("refuses an unknown demo user", async () => {
    const body = await expectError(await asUser(server.baseUrl, "aad-user-nobody")("/api/me"), 401, "unauthorized");
    expect(body.error.message).toMatch(/api\/dev\/users/);
  });

  it("lists the demo users, the lead first", async () => {
    const res = await fetch(`${server.baseUrl}/api/dev/users`);
    expect(res.status).toBe(200);
    const { users } = DevUsersResponse.parse(await res.json());
    expect(users.length).toBeGreaterThanOrEqual(12);
    expect(new Set(users.map((u) => u.department)).size).toBe(4);
    expect(users[0]).toMatchObject({ userId: "aad-user-amara", role: "lead" });
  });

  it("GET /api/me returns the user and their communities with their role", async () => {
    const res = await amara("/api/me");
    expect(res.status).toBe(200);
    const me = MeResponse.parse(await res.json());
    expect(me.user).toMatchObject({ id: "aad-user-amara", displayName: "Amara Okafor" });
    expect(me.communities).toEqual([{ id: DEMO_COMMUNITY_ID, name: expect.any(String), role: "lead" }]);
  });

  it("will not start half-configured for Azure, and names every missing setting at once", async () => {
    const azure = await startServer({ env: { COSMOS_ENDPOINT: "https://acct.documents.azure.com:443/" } }).catch((e: Error) => e);
    // Azure mode needs every Azure setting: the config names each missing one.
    expect(azure).toBeInstanceOf(Error);
    expect((azure as Error).message).toMatch(/AAD_APP_CLIENT_ID/);
    expect((azure as Error).message).toMatch(/MicrosoftAppId/);
    expect((azure as Error).message).toMatch(/PUBLIC_URL/);
  });
});

describe("community and library", () => {
  it("shows the community with the caller's role, charter and member count", async () => {
    const res = await amara(`/api/communities/${DEMO_COMMUNITY_ID}`);
    expect(res.status).toBe(200);
    const c = CommunityResponse.parse(await res.json());
    expect(c.myRole).toBe("lead");
    expect(c.myCircleIds).toEqual(["circle-harbour"]);
    expect(c.memberCount).toBe(12);
    expect(c.charter?.norms.length).toBeGreaterThan(0);
    expect(c.culturalPriorities.map((p) => p.id)).toContain("psychological-safety");
  });

  it("lists the library newest first, paged with continuation tokens, each item once", async () => {
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const qs = new URLSearchParams({ limit: "7", ...(token ? { continuationToken: token } : {}) });
      const res = await amara(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?${qs}`);
      expect(res.status).toBe(200);
      const page = ArtifactListResponse.parse(await res.json());
      seen.push(...page.items.map((i) => i.id));
      const dates = page.items.map((i) => i.updatedAt);
      expect([...dates].sort().reverse()).toEqual(dates);
      token = page.continuationToken;
      pages++;
    } while (token && pages < 20);
    expect(seen.length).toBeGreaterThanOrEqual(20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThan(2);
  });

  it("filters by type and by words", async () => {
    const byType = ArtifactListResponse.parse(await (await amara(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?type=checklist`)).json());
    expect(byType.items.length).toBeGreaterThan(0);
    expect(byType.items.every((i) => i.type === "checklist")).toBe(true);
    const byWord = ArtifactListResponse.parse(await (await amara(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?q=FEEDBACK`)).json());
    expect(byWord.items.length).toBeGreaterThan(0);
    expect(byWord.items.length).toBeLessThan(byType.items.length + 30);
  });

  it("never shows who shared an anonymous case — not even to the lead", async () => {
    const res = await amara(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?limit=100`);
    const text = await res.text();
    const page = ArtifactListResponse.parse(JSON.parse(text));
    const anonymous = page.items.filter((i) => i.anonymous);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.every((i) => i.author === null)).toBe(true);
    // The anonymous case in the demo was written by Diego; his id appears nowhere near it.
    for (const a of anonymous) expect(JSON.stringify(a)).not.toContain("aad-user-diego");
    expect(text).not.toContain("authorId");
    expect(text).not.toContain("tenantId");
  });

  it("answers 400 with the field for bad query parameters", async () => {
    const tooMany = await expectError(await amara(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?limit=5000`), 400, "bad_request");
    expect(tooMany.error).toMatchObject({ field: "limit" });
    expect(tooMany.error.message).toMatch(/^limit: /);
    const badType = await expectError(await amara(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?type=poem`), 400, "bad_request");
    expect(badType.error.field).toBe("type");
    await expectError(await amara(`/api/communities/bad%20id!/artifacts`), 400, "bad_request");
  });

  it("answers 400 for a continuation token that was tampered with", async () => {
    const res = await amara(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?continuationToken=${encodeURIComponent("not-a-token")}`);
    await expectError(res, 400, "bad_request");
  });

  it("refuses a non-member with 403 and reveals nothing", async () => {
    // A member of a community the caller does not belong to: a fresh id nobody is a member of.
    const res = await amara(`/api/communities/com-someone-else`);
    await expectError(res, 403, "forbidden");
  });
});

describe("the tab", () => {
  it("serves index.html at / and for client-side routes, and files as they are", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tab-"));
    writeFileSync(join(dir, "index.html"), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, "app.js"), "console.log(1)");
    const bundle = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i}"`).join(",")}];`;
    writeFileSync(join(dir, "chunk.js"), bundle);
    const tabServer = await startServer({ tabDir: dir });
    try {
      for (const path of ["/", "/library/art-demo-01"]) {
        const res = await fetch(`${tabServer.baseUrl}${path}`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('<div id="root">');
      }
      const js = await fetch(`${tabServer.baseUrl}/app.js`);
      expect(js.headers.get("content-type")).toMatch(/javascript/);
      // Scripts go out gzipped to a browser that accepts it (fetch decodes it again).
      const big = await fetch(`${tabServer.baseUrl}/chunk.js`, { headers: { "accept-encoding": "gzip" } });
      expect(big.headers.get("content-encoding")).toBe("gzip");
      expect(await big.text()).toBe(bundle);
    } finally {
      await tabServer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says how to build the tab when it has not been built", async () => {
    const empty = mkdtempSync(join(tmpdir(), "tab-empty-"));
    const tabServer = await startServer({ tabDir: empty });
    try {
      const res = await fetch(`${tabServer.baseUrl}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run build:tab/);
    } finally {
      await tabServer.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("keeps raw HTTP well-behaved: HEAD on an API route is not a 500", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.baseUrl}/api/me`, { method: "HEAD" }, (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(401);
  });
});
