/**
 * The README's promises, end to end: the real Microsoft 365 Agents Playground (channel
 * msteams) against the real server, in real Chromium. `help` gets the help card; moving
 * the local clock past a reminder makes exactly one reminder appear; a check-in given on
 * that card shows in the tab; the weekly prompt arrives on the local clock and an answer
 * on its card shows in the tab's reflections feed; a pilot's check-back card becomes
 * evidence on the practice.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser } from "playwright-core";
import { DevAdvanceResponse, PilotResponse, PracticeTimelineView, PromptBankView, ReflectionsFeedView, RoundResponse, SessionListResponse } from "../../bot/src/contracts";
import { launchBrowser, openPage, screenshot } from "../support/browser";
import { startServer, type TestServer } from "../support/server";

const root = join(__dirname, "..", "..");
let server: TestServer;
let playground: ChildProcess;
let browser: Browser;
let playgroundUrl: string;
const scratch = mkdtempSync(join(tmpdir(), "playground-"));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

beforeAll(async () => {
  server = await startServer();
  const port = await freePort();
  playgroundUrl = `http://127.0.0.1:${port}`;
  playground = spawn(join(root, "node_modules", ".bin", "agentsplayground"), ["-e", `${server.baseUrl}/api/messages`, "-c", "msteams", "-p", String(port), "--dt"], {
    cwd: root,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", M365_AGENTS_PLAYGROUND_LOGFILE: join(scratch, "playground.log") },
    stdio: "ignore",
  });
  await waitFor(`${playgroundUrl}/_debug/ping`, 30_000);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  playground?.kill("SIGTERM");
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

it("answers help with the help card in the Agents Playground", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(playgroundUrl, { waitUntil: "domcontentloaded" });
  // Opening the personal chat installs the bot: the welcome card arrives first.
  await page.getByText("Welcome to Practice Circles").first().waitFor({ timeout: 30_000 });
  const box = page.getByRole("textbox").last();
  await box.click();
  await box.fill("help");
  await page.keyboard.press("Enter");
  const helpHeading = page.getByText("What I can do", { exact: true });
  await helpHeading.first().waitFor({ timeout: 20_000 });
  expect(await helpHeading.count()).toBe(1);
  await expect(page.getByText("The Circles tab holds your community's checklists").count()).resolves.toBe(1);
  await screenshot(page, "playground-help.png");
}, 90_000);

it("delivers exactly one reminder when the local clock passes it, and a check-in on its card shows in the tab", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(playgroundUrl, { waitUntil: "domcontentloaded" });
  await page.getByText("Welcome to Practice Circles").first().waitFor({ timeout: 30_000 });

  // The first session whose day-before reminder is still ahead (whatever today is).
  const amara = { "X-Dev-User": "aad-user-amara" };
  const { items } = SessionListResponse.parse(await (await fetch(`${server.baseUrl}/api/communities/com-demo/sessions?limit=10`, { headers: amara })).json());
  const now = Date.now();
  const session = items.find((s) => s.status === "scheduled" && Date.parse(s.startsAt) - 24 * 60 * 60 * 1000 > now + 60_000)!;
  const reminderAt = Date.parse(session.startsAt) - 24 * 60 * 60 * 1000;
  const advance = (to: number) =>
    fetch(`${server.baseUrl}/api/dev/advance`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: new Date(to).toISOString() }) });

  expect((await advance(reminderAt + 2 * 60_000)).status).toBe(200);
  const reminder = page.getByText(`${session.title} starts tomorrow`, { exact: true });
  await reminder.first().waitFor({ timeout: 20_000 });
  // Later passes find nothing new to send.
  expect((await advance(reminderAt + 10 * 60_000)).status).toBe(200);
  await page.waitForTimeout(1500);
  expect(await reminder.count()).toBe(1);
  await screenshot(page, "playground-reminder.png");

  // Check in on the reminder: the card turns into the form, then into "checked in".
  const card = page.locator(".ac-adaptiveCard").filter({ hasText: `${session.title} starts tomorrow` }).last();
  await card.getByRole("button", { name: "Check in" }).click();
  const win = "Our stand-up now starts with one thing that went well";
  await page.getByLabel(/win/i).last().fill(win);
  await page.getByRole("button", { name: "Check in" }).last().click();
  await page.getByText(win).first().waitFor({ timeout: 20_000 });
  await screenshot(page, "playground-checked-in.png");

  const tab = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  await tab.goto(`${server.baseUrl}/?devUser=aad-user-amara#/sessions`, { waitUntil: "domcontentloaded" });
  await tab.getByText(win).first().waitFor({ timeout: 30_000 });
  await screenshot(tab, "tab-sessions-after-card-checkin.png");
}, 180_000);

it("publishing a buddy round brings one introduction card to the Playground's user", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(playgroundUrl, { waitUntil: "domcontentloaded" });
  await page.getByText("Welcome to Practice Circles").first().waitFor({ timeout: 30_000 });
  const jonas = { "X-Dev-User": "aad-user-jonas", "content-type": "application/json" };
  const proposed = await fetch(`${server.baseUrl}/api/communities/com-demo/buddies/rounds`, { method: "POST", headers: jonas, body: JSON.stringify({ seed: 7 }) });
  expect(proposed.status).toBe(201);
  const { round } = RoundResponse.parse(await proposed.json());
  expect((await fetch(`${server.baseUrl}/api/communities/com-demo/buddies/rounds/${round.id}/publish`, { method: "POST", headers: jonas })).status).toBe(200);
  // Delivery runs on the scheduler; in this test its loop is off, so run what is due now.
  await server.scheduler.runDue();
  const intro = page.getByText(/^Meet your (buddy|buddies)$/);
  await intro.first().waitFor({ timeout: 20_000 });
  await server.scheduler.runDue();
  await page.waitForTimeout(1000);
  expect(await intro.count()).toBe(1);
  const amaraGroup = round.groups.find((g) => g.members.some((m) => m.userId === "aad-user-amara"))!;
  for (const buddy of amaraGroup.members.filter((m) => m.userId !== "aad-user-amara")) await page.getByText(buddy.displayName).first().waitFor({ timeout: 5_000 });
  await screenshot(page, "playground-buddy-intro.png");
}, 120_000);

const advanceTo = async (to: number) => {
  const res = await fetch(`${server.baseUrl}/api/dev/advance`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: new Date(to).toISOString() }) });
  expect(res.status).toBe(200);
  return DevAdvanceResponse.parse(await res.json());
};
const C = () => `${server.baseUrl}/api/communities/com-demo`;

it("the weekly prompt arrives when the local clock passes its time, and an answer on its card shows in the tab's feed", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 1100 } });
  await page.goto(playgroundUrl, { waitUntil: "domcontentloaded" });
  await page.getByText("Welcome to Practice Circles").first().waitFor({ timeout: 30_000 });
  const amara = { "X-Dev-User": "aad-user-amara" };
  const bank = PromptBankView.parse(await (await fetch(`${C()}/prompts`, { headers: amara })).json());
  expect(bank.nextPostAt).not.toBeNull();
  await advanceTo(Date.parse(bank.nextPostAt!) + 2 * 60_000);
  const feed = ReflectionsFeedView.parse(await (await fetch(`${C()}/reflections`, { headers: amara })).json());
  const posting = feed.postings[0]!;
  expect(Math.abs(Date.parse(posting.postedAt) - Date.parse(bank.nextPostAt!))).toBeLessThan(60_000);
  const card = page.locator(".ac-adaptiveCard").filter({ hasText: posting.text });
  await card.first().waitFor({ timeout: 20_000 });
  await advanceTo(Date.parse(bank.nextPostAt!) + 10 * 60_000);
  await page.waitForTimeout(1500);
  expect(await card.count()).toBe(1);
  await screenshot(page, "playground-prompt.png");

  const answer = "I asked the quietest person on the team to open our planning meeting";
  const form = card.last();
  if (posting.kind === "reflective") await form.getByLabel(/What happened/).fill(answer);
  else await form.getByLabel(/Your answer/).fill(answer);
  await form.getByRole("button", { name: "Send my answer" }).click();
  await page.getByText("Thanks for sharing").first().waitFor({ timeout: 20_000 });
  await screenshot(page, "playground-prompt-answered.png");

  const tab = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  await tab.goto(`${server.baseUrl}/?devUser=aad-user-jonas&practices=reflections#/practices`, { waitUntil: "domcontentloaded" });
  await tab.getByText(answer).first().waitFor({ timeout: 30_000 });
  await screenshot(tab, "tab-reflections-after-card-answer.png");
}, 180_000);

it("a pilot's check-back card arrives on its date, and the report sent on it becomes evidence on the practice", async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 1100 } });
  await page.goto(playgroundUrl, { waitUntil: "domcontentloaded" });
  await page.getByText("Welcome to Practice Circles").first().waitFor({ timeout: 30_000 });
  const amara = { "X-Dev-User": "aad-user-amara", "content-type": "application/json" };
  // The local clock has moved on in earlier tests: start today (London) and check back in two weeks.
  const { now } = (await (await fetch(`${server.baseUrl}/api/dev/clock`)).json()) as { now: string };
  const today = new Date(now).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
  const checkBackOn = new Date(Date.parse(`${today}T12:00:00Z`) + 14 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const started = await fetch(`${C()}/practices/prc-demo-6/pilots`, { method: "POST", headers: amara, body: JSON.stringify({ startOn: today, checkBackOn, commitment: "Share one mistake at Monday's team meeting" }) });
  expect(started.status).toBe(201);
  const { pilot } = PilotResponse.parse(await started.json());

  await advanceTo(Date.parse(`${checkBackOn}T09:30:00Z`));
  const card = page.locator(".ac-adaptiveCard").filter({ hasText: "Monthly 'what I got wrong' share" }).filter({ has: page.getByRole("button", { name: "Send my report" }) });
  await card.first().waitFor({ timeout: 20_000 });
  expect(await card.count()).toBe(1);
  await screenshot(page, "playground-pilot-checkback.png");
  const form = card.last();
  await form.getByText("It worked", { exact: true }).click();
  const changed = "Two people owned up to slips in the same meeting";
  await form.getByLabel(/What changed/).fill(changed);
  await form.getByRole("button", { name: "Send my report" }).click();
  await page.getByText(/Counted as evidence/).first().waitFor({ timeout: 20_000 });
  await screenshot(page, "playground-pilot-reported.png");

  const timeline = PracticeTimelineView.parse(await (await fetch(`${C()}/practices/prc-demo-6/timeline`, { headers: amara })).json());
  expect(timeline.events.find((e) => e.kind === "report" && e.byName === "Amara Okafor")).toMatchObject({ outcome: "worked", whatChanged: changed });
  expect(timeline.pilots.find((p) => p.id === pilot.id)?.status).toBe("reported");
}, 180_000);
