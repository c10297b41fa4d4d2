import { DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { ErrorBody, MeResponse } from "../../bot/src/contracts";
import { startServer, type TestServer } from "../support/server";
import { startLocalEntra, ssoEnv, type LocalEntra } from "../support/sso";

let entra: LocalEntra;
let server: TestServer;
const AMARA = { tid: DEMO_TENANT_ID, oid: "aad-user-amara", name: "Amara Okafor" };

beforeAll(async () => {
  entra = await startLocalEntra();
  server = await startServer({ env: { ...ssoEnv(entra), SEED_DEMO: "true" } });
});
afterAll(async () => {
  await server.close();
  await entra.close();
});

const me = (headers: Record<string, string>) => fetch(`${server.baseUrl}/api/me`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

it("takes tenant and user from a valid Teams SSO token", async () => {
  const res = await me(bearer(await entra.token(AMARA)));
  expect(res.status).toBe(200);
  const body = MeResponse.parse(await res.json());
  expect(body.user).toEqual({ id: "aad-user-amara", tenantId: DEMO_TENANT_ID, displayName: "Amara Okafor" });
  expect(body.communities.map((c) => c.role)).toEqual(["lead"]);
});

it.each([
  ["expired", () => entra.token(AMARA, { expiresIn: "-5 minutes" })],
  ["for another app", () => entra.token(AMARA, { audience: "api://someone-else" })],
  ["from another issuer", () => entra.token(AMARA, { issuer: "https://evil.example.com/v2.0" })],
  ["signed with another key", () => entra.token(AMARA, { sign: "other-key" })],
  ["with an unknown key id", () => entra.token(AMARA, { kid: "key-9" })],
  ["without a tenant", () => entra.token({ ...AMARA, tid: "not-a-guid" })],
  ["unsigned (alg none)", async () => `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify({ ...AMARA, aud: entra.clientId, iss: `${entra.authority}/${DEMO_TENANT_ID}/v2.0`, exp: Math.floor(Date.now() / 1000) + 600 })).toString("base64url")}.`],
  ["not a JWT at all", async () => "hello"],
])("refuses a token %s with 401 and a message", async (_name, make) => {
  const res = await me(bearer(await make()));
  expect(res.status).toBe(401);
  const { error } = ErrorBody.parse(await res.json());
  expect(error.code).toBe("unauthorized");
  expect(error.message.length).toBeGreaterThan(15);
});

it("refuses the local dev identity once Teams SSO is configured", async () => {
  const res = await me({ "X-Dev-User": "aad-user-amara" });
  expect(res.status).toBe(401);
  // The dev routes, the local clock included, are refused outright: no token opens them.
  for (const res of [await fetch(`${server.baseUrl}/api/dev/users`), await fetch(`${server.baseUrl}/api/dev/advance`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"to":"2030-01-01T00:00:00Z"}' })]) {
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("local_only");
  }
});

it("a valid token of someone outside every community sees no communities and no community data", async () => {
  const token = await entra.token({ tid: DEMO_TENANT_ID, oid: "aad-user-stranger", name: "A Stranger" });
  const body = MeResponse.parse(await (await me(bearer(token))).json());
  expect(body.communities).toEqual([]);
  const res = await fetch(`${server.baseUrl}/api/communities/com-demo/artifacts`, { headers: bearer(token) });
  expect(res.status).toBe(403);
});

it("a member's token from another tenant sees nothing of this tenant's community", async () => {
  const token = await entra.token({ tid: "0f0e0d0c-0b0a-4909-8807-060504030201", oid: "aad-user-amara", name: "Amara elsewhere" });
  expect(MeResponse.parse(await (await me(bearer(token))).json()).communities).toEqual([]);
  expect((await fetch(`${server.baseUrl}/api/communities/com-demo`, { headers: bearer(token) })).status).toBe(403);
});
