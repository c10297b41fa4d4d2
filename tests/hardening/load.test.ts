/**
 * Load: 200 people, each a distinct member of the demo community, use the API at once for
 * 60 seconds — mostly reading, sometimes writing (see mixedUser), each pausing 0.5 to 2.5 s
 * between one answer and their next request — against the real server
 * with the product's rate limits (600 requests per person per minute, 60 refused sign-ins
 * per address per minute: every one of the 200 comes from 127.0.0.1, like people behind one
 * company's address). Nothing may fail: no 5xx, no 4xx (every request is one a member may
 * make), no socket errors. Throughput and latency are printed, not asserted: speed belongs
 * to `npm run bench`.
 */
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { mulberry32 } from "../../bot/src/domain/random";
import { startServer, type TestServer } from "../support/server";
import { type Answer, client, mixedUser, percentile } from "./traffic";

const PEOPLE = 200;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);

let server: TestServer;

beforeAll(async () => {
  // The product's limits, not the test default (tests/support/server.ts raises them).
  server = await startServer({ env: { API_RATE_LIMIT_PER_MINUTE: "600", API_AUTH_FAILURES_PER_MINUTE: "60" } });
}, 60_000);
afterAll(() => server?.close());

it(`${PEOPLE} people at once for ${SECONDS} s: no errors`, async () => {
  // 200 members of the demo community, each their own identity (X-Dev-User resolves members of the demo tenant).
  const now = server.ctx.clock.now().toISOString();
  const people = Array.from({ length: PEOPLE }, (_, i) => `aad-user-load-${String(i).padStart(3, "0")}`);
  for (let i = 0; i < people.length; i += 20) {
    await Promise.all(
      people.slice(i, i + 20).map((userId, j) =>
        server.ctx.repos.members.upsert(
          { communityId: DEMO_COMMUNITY_ID, tenantId: DEMO_TENANT_ID, userId, displayName: `Load Person ${i + j}`, role: "member", department: "Operations", timeZone: "Europe/London", circleIds: [], joinedAt: now },
          "Harbour Managers",
        ),
      ),
    );
  }
  const lead = client(server.baseUrl, "aad-user-amara");
  const sessions = (await lead("sessions", `/api/communities/${DEMO_COMMUNITY_ID}/sessions?limit=6`)).body as { items: { id: string; startsAt: string }[] };
  const next = sessions.items.find((s) => Date.parse(s.startsAt) > Date.now() + 10 * 60_000)!;
  const library = (await lead("library", `/api/communities/${DEMO_COMMUNITY_ID}/artifacts?limit=50`)).body as { items: { id: string; visibility: string }[] };
  const readable = library.items.filter((a) => a.visibility === "community").map((a) => a.id);
  expect(next).toBeDefined();
  expect(readable.length).toBeGreaterThan(3);

  const answers: Answer[] = [];
  const started = Date.now();
  const endAt = started + SECONDS * 1000;
  await Promise.all(
    people.map((userId, i) =>
      mixedUser(
        { baseUrl: server.baseUrl, communityId: DEMO_COMMUNITY_ID, sessionId: next.id, readableArtifactIds: readable, postingId: "pst-demo-1" },
        { userId, random: mulberry32(1000 + i), endAt, thinkMs: [500, 2500], maxCreates: 2, record: (a) => answers.push(a) },
      ),
    ),
  );
  const elapsed = (Date.now() - started) / 1000;

  const errors = answers.filter((a) => a.status === 0 || a.status >= 400);
  const ms = answers.map((a) => a.ms);
  const writes = answers.filter((a) => a.method !== "GET");
  const byWhat = answers.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.what]: (acc[a.what] ?? 0) + 1 }), {});
  console.log(
    `load: ${PEOPLE} people, ${answers.length} requests in ${elapsed.toFixed(1)} s = ${(answers.length / elapsed).toFixed(0)} req/s ` +
      `(${writes.length} writes); latency p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, ` +
      `max ${Math.max(...ms).toFixed(0)} ms (writes p95 ${percentile(writes.map((a) => a.ms), 95).toFixed(0)} ms); errors ${errors.length}\n${JSON.stringify(byWhat)}`,
  );
  expect(errors.slice(0, 10).map((a) => `${a.user} ${a.what} ${a.method} ${a.path} → ${a.status} ${a.failure ?? JSON.stringify(a.body).slice(0, 300)}`)).toEqual([]);
  // Sanity: everyone took part, all the way through (the server's pace sets how often each person gets a turn).
  const perPerson = answers.reduce<Map<string, number>>((m, a) => m.set(a.user, (m.get(a.user) ?? 0) + 1), new Map());
  expect(perPerson.size).toBe(PEOPLE);
  expect(Math.min(...perPerson.values())).toBeGreaterThanOrEqual(2);
  expect(Math.max(...answers.map((a) => a.at))).toBeGreaterThan(endAt - 10_000);
}, (SECONDS + 90) * 1000);
