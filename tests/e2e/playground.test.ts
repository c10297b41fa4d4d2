/**
 * The README's promise, end to end: the real Microsoft 365 Agents Playground (channel
 * msteams) against the real server answers `help` with the help card, in real Chromium.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser } from "playwright-core";
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
