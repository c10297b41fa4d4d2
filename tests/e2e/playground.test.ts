/**
 * The README's promises, end to end: the real Microsoft 365 Agents Playground (channel
 * msteams) against the real server, in real Chromium. `help` gets the help card; moving
 * the local clock past a reminder makes exactly one reminder appear; a check-in given on
 * that card shows in the tab.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser } from "playwright-core";
import { RoundResponse, SessionListResponse } from "../../bot/src/contracts";
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
