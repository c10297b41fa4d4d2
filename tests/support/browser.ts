/**
 * Real Chromium for the tab's tests: the Debian build found on PATH, driven by
 * playwright-core, plus an axe-core check that reports what blocks people.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContextOptions, type Frame, type Page, chromium } from "playwright-core";

export const artifactsDir = join(__dirname, "..", "..", ".test-artifacts");

/** Where `chromium` lives on this machine (`command -v chromium`), or a clear error. */
export function chromiumPath(): string {
  try {
    const found = execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim();
    if (found) return found.split("\n")[0]!;
  } catch {
    // Fall through to the error below.
  }
  throw new Error("Chromium was not found on PATH. Install it (apt-get install chromium) to run the tab tests.");
}

/**
 * Headless Chromium with nothing running in the background. Playwright gives every
 * launch a fresh, throw-away user-data-dir, so no profile state leaks between runs.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page in its own context (cookies, storage), sized like a Teams tab on a laptop. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB", reducedMotion: "reduce", ...options });
  return context.newPage();
}

/** Collects uncaught page errors and console errors, to assert a page stayed healthy. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * Saves what the viewport shows under .test-artifacts/ and returns its path. A full-page
 * capture would show rows below the fold unpainted (they use content-visibility: auto).
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, name);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
/** axe-core's WCAG 2.1 A and AA rules (pass as `tags` to run only those). */
export const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core in the page (or a frame) and returns the serious and critical violations:
 * every rule, or only those with `tags`; over `context` ("body" by default; "html" for the
 * whole document, portals included).
 */
export async function runAxe(target: Page | Frame, context: string = "body", tags?: string[]): Promise<AxeViolation[]> {
  const loaded = await target.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  // Evaluated over the DevTools protocol, so the app's Content-Security-Policy stays on.
  if (!loaded) await target.evaluate(AXE_SOURCE);
  // Let finite animations end first: a toast still fading in is text at 1% contrast, which is not what anyone reads.
  await target.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), new Promise((r) => setTimeout(r, 2_000))]);
  });
  const violations = await target.evaluate(
    async ([selector, only]) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
      const options = { resultTypes: ["violations"], ...(only ? { runOnly: { type: "tag", values: only } } : {}) };
      const result = await axe.run(document.querySelector(selector) ?? document, options);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    [context, tags ?? null] as const,
  );
  return violations.map(withoutTabsterDummies).filter((v) => v.nodes.length > 0 && (v.impact === "serious" || v.impact === "critical"));
}

/**
 * Fluent UI's focus manager (tabster) adds invisible `<i data-tabster-dummy tabindex=0
 * aria-hidden>` sentinels that hand focus on the moment they get it; axe reports them
 * under aria-hidden-focus. A known false positive (microsoft/tabster#288), excluded the
 * same way Accessibility Insights does (microsoft/accessibility-insights-web#7605).
 */
function withoutTabsterDummies(violation: AxeViolation): AxeViolation {
  if (violation.id !== "aria-hidden-focus") return violation;
  return { ...violation, nodes: violation.nodes.filter((n) => !/data-tabster-dummy/.test(n.html)) };
}

/** One line per violation and element, readable in a failing assertion. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`).join("\n")}`).join("\n");
}
