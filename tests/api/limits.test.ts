/**
 * The API's limits over real HTTP: per-person rate limit (429 with Retry-After and a
 * sentence), refused sign-ins per address, and the body size limit.
 */
import { ErrorBody } from "../../bot/src/contracts";
import { asUser, startServer, type TestServer } from "../support/server";

let server: TestServer;
const PER_MINUTE = 12;
const FAILURES = 4;

beforeAll(async () => {
  server = await startServer({ env: { API_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), API_AUTH_FAILURES_PER_MINUTE: String(FAILURES) } });
});
afterAll(() => server.close());

async function errorOf(res: Response) {
  return ErrorBody.parse(await res.json()).error;
}

test("one person over the per-minute limit gets 429 with Retry-After and a sentence; others carry on", async () => {
  const priya = asUser(server.baseUrl, "aad-user-priya");
  for (let i = 0; i < PER_MINUTE; i++) {
    const res = await priya("/api/me");
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit")).toMatch(new RegExp(`; r=${PER_MINUTE - i - 1};`));
  }
  const refused = await priya("/api/communities/com-demo/artifacts", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const error = await errorOf(refused);
  expect(error.code).toBe("rate_limited");
  expect(error.message).toContain(`more than ${PER_MINUTE} in a minute`);
  expect(error.message).toContain(`Wait ${retryAfter} second`);

  // Someone else, the health probe and the tab's files are not held back.
  expect((await asUser(server.baseUrl, "aad-user-jonas")("/api/me")).status).toBe(200);
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
});

test("refused sign-ins from one address are limited; a good sign-in is not counted", async () => {
  const mei = asUser(server.baseUrl, "aad-user-mei");
  for (let i = 0; i < 2 * FAILURES; i++) expect((await mei("/api/me")).status).toBe(200);
  const stranger = asUser(server.baseUrl, "nobody-at-all");
  for (let i = 0; i < FAILURES; i++) expect((await stranger("/api/me")).status).toBe(401);
  const limited = await stranger("/api/me");
  expect(limited.status).toBe(429);
  expect((await errorOf(limited)).message).toMatch(/refused sign-ins from your address \(more than 4 in a minute\)\. Wait \d+ seconds? and try again/);
});

test("a body over 1 MB is refused with 413 before it is read", async () => {
  const res = await asUser(server.baseUrl, "aad-user-mei")("/api/communities/com-demo/artifacts", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "x".repeat(1_100_000) }),
  });
  expect(res.status).toBe(413);
  const error = await errorOf(res);
  expect(error.code).toBe("payload_too_large");
  expect(error.message).toContain("1 MB");
});
