/**
 * Issue 9's accessibility sweep and the tab's Content-Security-Policy, in real Chromium
 * against the real server (seeded demo community).
 *
 * The sweep walks every scene the navigation offers (read from the tab, so a new scene
 * without an entry here fails), each scene's views and the dialogs, menus and forms a
 * person opens there, as the role that sees them, in the light, dark and high-contrast
 * themes, and runs axe-core's WCAG 2.1 A and AA rules at every stop: nothing serious or
 * critical may remain. An empty community (the bot just installed in a new team) is
 * swept too. All the while a `securitypolicyviolation` listener (an init script in every
 * document) and the console are watched: the tab must work under its own CSP.
 *
 * Then "still works inside Teams": Playwright serves stand-in host pages at Microsoft's
 * Teams and Microsoft 365 origins that frame the tab at https://circles.test, whose
 * responses are fetched from the real local server (`route.fetch`), so Chromium enforces
 * the server's own headers, CSP included. The Teams page answers teams-js as Teams does
 * (initialize, context, SSO token), so teams-js runs in the frame under the CSP. A page on
 * any other origin must not be able to frame the tab (frame-ancestors).
 */
import { type Browser, type BrowserContext, type Frame, type Locator, type Page } from "playwright-core";
import { DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { MeResponse, SessionListResponse } from "../../bot/src/contracts";
import { type AxeViolation, launchBrowser, runAxe, screenshot, WCAG_21_A_AA } from "../support/browser";
import { type RecordingConnector, startRecordingConnector } from "../support/connector";
import { startServer } from "../support/server";
import { ensureTabBuilt } from "../support/tabBuild";
import { botAdded } from "../teams/activities";
import { apiGet, apiSend, eventually, expectTheme } from "./helpers";

const COMMUNITY = "com-demo";
const AMARA = "aad-user-amara"; // lead
const JONAS = "aad-user-jonas"; // facilitator
const GRACE = "aad-user-grace"; // sponsor

type ThemeName = "default" | "dark" | "contrast";
const THEMES = [
  ["default", "light"],
  ["dark", "dark"],
  ["contrast", "contrast"],
] as const;

let server: { baseUrl: string; close(): Promise<void> };
let connector: RecordingConnector;
let browser: Browser;
/** Jonas's next session that he may manage: its detail shows the facilitator's tools and the check-in form. */
let managedSession: string;
/** A community with nothing in it yet: the bot was just installed in a new team by Amara. */
let emptyCommunity: string;

// ---------------------------------------------------------------------------------------
// axe-core, WCAG 2.1 A and AA only, over the whole document (dialogs and menus live in portals at the end of body)

const axeWcag21 = (target: Page | Frame) => runAxe(target, "html", WCAG_21_A_AA);

/**
 * With no modal dialog open, nothing around the tab's content may be aria-hidden: a dialog
 * that hid the page must have given it back (axe can't see this: a hidden page has nothing to check).
 */
async function hiddenPage(page: Page): Promise<AxeViolation[]> {
  const hidden = await page.evaluate(() => {
    if (document.querySelector("[role=dialog][aria-modal=true], [role=alertdialog]")) return [];
    return ["#root", "nav", "main"].filter((selector) => document.querySelector(selector)?.closest("[aria-hidden=true]"));
  });
  return hidden.map((selector) => ({
    id: "stale-aria-hidden",
    impact: "critical",
    help: "No dialog is open, yet the page is hidden from assistive technology (aria-hidden=true)",
    helpUrl: "https://github.com/microsoft/tabster/issues/530",
    nodes: [{ target: [selector], html: selector }],
  }));
}

/** Each violation with where it was found, its id, impact, help, and every element it names. */
function report(where: string, violations: AxeViolation[]): string[] {
  return violations.map(
    (v) =>
      `${where}: ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    target ${JSON.stringify(n.target)}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`).join("\n")}`,
  );
}

// ---------------------------------------------------------------------------------------
// CSP violations and console errors, from every document in a browser context

interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
  document: string;
}

interface Watch {
  csp: CspViolation[];
  /** Console errors and uncaught exceptions, with the page they came from. */
  errors: string[];
}

/**
 * Listens in every document of `context`, from before its first script, for
 * `securitypolicyviolation` and hands each to the test through a binding, so the list
 * survives navigations and covers frames. Console errors and page errors are kept too.
 */
async function watchContext(context: BrowserContext): Promise<Watch> {
  const watch: Watch = { csp: [], errors: [] };
  await context.exposeFunction("reportCspViolation", (v: CspViolation) => watch.csp.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { reportCspViolation?: (v: unknown) => Promise<void> }).reportCspViolation;
      void report?.({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample, document: e.documentURI });
    });
  });
  const follow = (page: Page) => {
    page.on("console", (m) => m.type() === "error" && watch.errors.push(`console (${page.url()}): ${m.text()}`));
    page.on("pageerror", (e) => watch.errors.push(`pageerror (${page.url()}): ${e.message}`));
  };
  context.pages().forEach(follow);
  context.on("page", follow);
  return watch;
}

const isCspMessage = (text: string) => /Content Security Policy|Refused to/i.test(text);

// ---------------------------------------------------------------------------------------
// The sweep: for every scene in the nav, who sees it and the stops to make there

interface Stop {
  view: string;
  /** Gets there from the previous stop (or the scene's first view) and waits until it shows. */
  reach(page: Page): Promise<void>;
}

interface SceneSweep {
  /** Who sees the scene's editors and dialogs. */
  user: string;
  /** Extra address keys for the scene's first view. */
  query?: () => string;
  stops: Stop[];
}

const dialog = (page: Page) => page.locator("[role=dialog], [role=alertdialog]").last();

/** Clicks `opener`, waits for a dialog with `ready` inside it. */
async function openDialog(page: Page, opener: Locator, ready?: (d: Locator) => Locator): Promise<void> {
  await opener.click();
  const d = dialog(page);
  await d.waitFor();
  if (ready) await ready(d).first().waitFor();
}

/** Closes the open dialog with its `button` (Cancel by default) and waits until it is gone. */
async function closeDialog(page: Page, button = "Cancel"): Promise<void> {
  const d = dialog(page);
  await d.getByRole("button", { name: button, exact: true }).click();
  await d.waitFor({ state: "detached" });
}

/** Selects a scene's view by its tab (`<scene>-tab-<view>`, TabbedScene's ids) and waits for `ready`. */
async function selectView(page: Page, scene: string, view: string, ready: Locator): Promise<void> {
  await page.locator(`#${scene}-tab-${view}`).click();
  await ready.first().waitFor();
}

/** A stop whose dialog stays open for axe; the next stop closes it first. */
const closingFirst = (reach: (page: Page) => Promise<void>, button = "Cancel") => async (page: Page) => {
  if (await dialog(page).count()) await closeDialog(page, button);
  await reach(page);
};

const SWEEP: Record<string, SceneSweep> = {
  Library: {
    user: JONAS,
    stops: [
      { view: "list", reach: (page) => page.locator("li[id^='artifact-']").first().waitFor() },
      {
        view: "new item: choose a template",
        reach: async (page) => {
          await page.getByRole("button", { name: "New item" }).click();
          await page.getByText("What would you like to share?").waitFor();
        },
      },
      {
        view: "an item",
        reach: async (page) => {
          await page.getByRole("button", { name: "Back to the library" }).click();
          await page.locator("[id^='artifact-link-']").first().click();
          await page.locator("#item-heading").waitFor();
          await page.locator("article").first().waitFor();
          await page.getByText("Opening the item…").waitFor({ state: "detached" });
        },
      },
      {
        view: "the editor",
        reach: async (page) => {
          await page.getByRole("button", { name: "Edit", exact: true }).click();
          await page.locator("#edit-title").waitFor();
        },
      },
      {
        view: "the editor's “Leave without saving?” dialog",
        reach: async (page) => {
          await page.locator("#edit-title").fill("A title changed and not saved");
          await page.getByRole("button", { name: "Cancel", exact: true }).click();
          await page.getByRole("alertdialog", { name: "Leave without saving?" }).waitFor();
        },
      },
      {
        view: "the item again, after “Discard changes”",
        reach: async (page) => {
          await closeDialog(page, "Discard changes");
          await page.locator("#item-heading").waitFor();
        },
      },
      {
        view: "an item's history",
        reach: async (page) => {
          await page.getByRole("button", { name: "History" }).click();
          await page.getByRole("list", { name: "Versions, newest first" }).getByRole("listitem").first().waitFor();
        },
      },
    ],
  },
  "Progress map": {
    user: JONAS,
    stops: [
      { view: "map", reach: (page) => page.getByTestId("progress-map").waitFor() },
      {
        view: "a card's Move menu",
        reach: async (page) => {
          await page.locator("[data-role=move]").first().click();
          await page.getByRole("menuitem").first().waitFor();
        },
      },
      {
        view: "the move dialog",
        reach: async (page) => {
          await page.getByRole("menuitem").first().click();
          await dialog(page).getByTestId("move-rule").waitFor();
        },
      },
      { view: "a practice's timeline", reach: closingFirst((page) => openDialog(page, page.locator("[data-role=open]").first(), (d) => d.getByTestId("timeline-events"))) },
      { view: "the start-a-pilot dialog", reach: closingFirst((page) => openDialog(page, page.locator("[data-role=pilot]").first()), "Close") },
      { view: "the add-practice dialog", reach: closingFirst((page) => openDialog(page, page.locator("[data-tool=add]"))) },
      { view: "reflections", reach: closingFirst((page) => selectView(page, "practices", "reflections", page.getByTestId("responses"))) },
      { view: "prompt bank", reach: (page) => selectView(page, "practices", "prompts", page.getByTestId("prompts")) },
      { view: "the add-prompt dialog", reach: (page) => openDialog(page, page.getByRole("button", { name: "Add prompt" })) },
    ],
  },
  Sessions: {
    user: JONAS,
    query: () => `&session=${managedSession}`,
    stops: [
      {
        view: "next sessions, one open with the facilitator's tools and the check-in form",
        reach: async (page) => {
          const detail = page.locator(`#session-detail-${managedSession}`);
          await detail.getByLabel("A win since last time").waitFor();
          await detail.getByRole("group", { name: "Facilitator actions" }).waitFor();
          await detail.getByTestId("checkin-summary").waitFor();
        },
      },
      {
        view: "the plan editor",
        reach: async (page) => {
          await page.getByRole("button", { name: "Edit the plan" }).click();
          await page.getByRole("button", { name: "Save the plan" }).waitFor();
        },
      },
      {
        view: "the move dialog",
        reach: async (page) => {
          await page.locator(`#session-detail-${managedSession}`).getByRole("button", { name: "Cancel", exact: true }).click();
          await openDialog(page, page.getByRole("group", { name: "Facilitator actions" }).getByRole("button", { name: "Move", exact: true }));
        },
      },
      { view: "the skip confirmation", reach: closingFirst((page) => openDialog(page, page.getByRole("button", { name: "Skip this session" }))) },
      { view: "my preferences dialog", reach: closingFirst((page) => openDialog(page, page.getByRole("button", { name: "My preferences" }), (d) => d.getByRole("button", { name: "Save" })), "Keep it") },
      { view: "rota", reach: closingFirst((page) => selectView(page, "sessions", "rota", page.getByRole("table").or(page.getByText("Nothing planned")))) },
      { view: "attendance", reach: (page) => selectView(page, "sessions", "history", page.getByRole("list", { name: "Past sessions" }).or(page.getByText("No past sessions yet"))) },
      { view: "follow-ups", reach: (page) => selectView(page, "sessions", "followups", page.getByRole("button", { name: "New follow-up" })) },
      {
        view: "the new follow-up form",
        reach: async (page) => {
          await page.getByRole("button", { name: "New follow-up" }).click();
          await page.getByRole("button", { name: "Add follow-up" }).waitFor();
        },
      },
    ],
  },
  Buddies: {
    user: JONAS,
    stops: [
      { view: "my buddy", reach: (page) => page.locator("[data-testid=my-buddy], [data-testid=no-buddy]").first().waitFor() },
      { view: "round review with a proposed round", reach: (page) => selectView(page, "buddies", "round", page.getByTestId("draft").getByRole("list", { name: "Proposed groups" })) },
      {
        view: "a person's swap menu",
        reach: async (page) => {
          await page.getByRole("button", { name: /: swap with…$/ }).first().click();
          await page.getByRole("menuitem").first().waitFor();
        },
      },
      {
        view: "the round settings dialog",
        reach: async (page) => {
          await page.keyboard.press("Escape");
          await page.getByRole("menu").waitFor({ state: "detached" });
          await openDialog(page, page.getByRole("button", { name: "Change settings" }));
        },
      },
      { view: "history", reach: closingFirst((page) => selectView(page, "buddies", "history", page.locator("ol[aria-label='Past rounds']").or(page.getByText("No rounds yet")))) },
      { view: "my preferences", reach: (page) => selectView(page, "buddies", "preferences", page.getByTestId("avoid")) },
      { view: "my circles", reach: (page) => selectView(page, "buddies", "circles", page.locator("ul[aria-label='My circles']").or(page.getByText("You're not in a peer circle"))) },
    ],
  },
  Insights: {
    user: GRACE,
    stops: [
      { view: "charts", reach: (page) => page.getByTestId("insights").locator("svg").first().waitFor() },
      {
        view: "every chart's table open",
        reach: async (page) => {
          const show = page.getByRole("button", { name: "Show as table" });
          const sections = await page.locator("[data-testid^=chart-]").count();
          while ((await show.count()) > 0) await show.first().click();
          await expect(page.getByTestId("data-table").count()).resolves.toBe(sections);
        },
      },
    ],
  },
  Charter: {
    user: AMARA,
    stops: [
      { view: "the charter", reach: (page) => page.getByTestId("charter").waitFor() },
      { view: "the edit dialog", reach: (page) => openDialog(page, page.getByRole("button", { name: "Edit the charter" }), (d) => d.getByLabel("Norms")) },
      { view: "a past version", reach: closingFirst((page) => openDialog(page, page.getByRole("button", { name: "View version 1" }), (d) => d.getByTestId("version-dialog").locator("[data-section]"))) },
      { view: "getting started", reach: closingFirst((page) => selectView(page, "charter", "newcomer", page.getByTestId("newcomer")), "Close") },
      { view: "people & roles", reach: (page) => selectView(page, "charter", "people", page.getByTestId("people")) },
      { view: "the role dialog", reach: (page) => openDialog(page, page.locator("[data-action=change-role]").first(), (d) => d.getByRole("radio").first()) },
      { view: "your data", reach: closingFirst((page) => selectView(page, "charter", "my-data", page.getByTestId("my-data"))) },
      { view: "the delete-my-contributions dialog", reach: (page) => openDialog(page, page.getByRole("button", { name: "Delete my contributions" })) },
    ],
  },
};

/** The scenes the tab's navigation offers: label and address (`#/library`). */
async function navScenes(page: Page): Promise<{ label: string; hash: string }[]> {
  return page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => ({ label: a.textContent?.trim() ?? "", hash: a.getAttribute("href") ?? "" })));
}

/** Reaches a stop; if it can't, keeps what the screen showed and says which stop it was. */
async function reachOrShow(page: Page, stop: Stop, where: string): Promise<void> {
  try {
    await stop.reach(page);
  } catch (error) {
    const path = await screenshot(page, `sweep-failed-${where}-${stop.view}.png`.replace(/[^A-Za-z0-9.-]+/g, "-"));
    throw new Error(`The sweep could not reach “${stop.view}” (${where}); the screen is in ${path}.\n${(error as Error).message}`);
  }
}

async function openScene(page: Page, user: string, theme: ThemeName, hash: string, query = "", community = COMMUNITY): Promise<void> {
  await page.goto(`${server.baseUrl}/?devUser=${user}&theme=${theme}&community=${encodeURIComponent(community)}${query}${hash}`);
  await page.locator("main h2").first().waitFor({ timeout: 20_000 });
}

// ---------------------------------------------------------------------------------------

beforeAll(async () => {
  await ensureTabBuilt();
  [server, connector, browser] = await Promise.all([startServer(), startRecordingConnector(), launchBrowser()]);

  const upcoming = await apiGet(server, `/api/communities/${COMMUNITY}/sessions?when=upcoming&limit=12`, SessionListResponse, JONAS);
  managedSession = upcoming.items.find((s) => s.canManage && s.status !== "skipped" && s.checkIns.open && !s.checkIns.mine)!.id;
  // A proposed round for the round review to show.
  const proposed = await apiSend(server, "POST", `/api/communities/${COMMUNITY}/buddies/rounds`, JONAS, {});
  expect(proposed.status).toBeLessThan(300);

  // Amara installs the bot in a new team: a community with nothing in it yet.
  const before = new Set((await apiGet(server, "/api/me", MeResponse, AMARA)).communities.map((c) => c.id));
  const install = botAdded({ serviceUrl: connector.serviceUrl, scope: "team", conversationId: "19:sweep-general@thread.tacv2", team: { id: "19:sweep-team@thread.tacv2", name: "Night Shift Leads" }, tenantId: DEMO_TENANT_ID });
  const installed = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(install) });
  expect(installed.status).toBeLessThan(300);
  await connector.waitForActivities(1);
  emptyCommunity = (await apiGet(server, "/api/me", MeResponse, AMARA)).communities.find((c) => !before.has(c.id))!.id;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await connector?.close();
  await server?.close();
});

describe("Accessibility sweep under the tab's own CSP", () => {
  let context: BrowserContext;
  let page: Page;
  let watch: Watch;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", reducedMotion: "reduce" });
    watch = await watchContext(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(() => context?.close());

  it.each(THEMES)("every scene, view and dialog in the %s theme: no serious or critical WCAG 2.1 A/AA violations, no CSP violations", async (theme, name) => {
    const found: string[] = [];
    const seen = new Set<string>();
    let stops = 0;

    await openScene(page, JONAS, theme, "#/library");
    const scenes = await navScenes(page);
    expect(scenes.length).toBeGreaterThanOrEqual(6);
    // Every scene the tab offers has an entry here: a new scene fails until it is swept.
    expect(scenes.map((s) => s.label).filter((label) => !SWEEP[label])).toEqual([]);

    for (const { label, hash } of scenes) {
      const sweep = SWEEP[label]!;
      await openScene(page, sweep.user, theme, hash, sweep.query?.());
      await expectTheme(page, theme);
      await expect(page.getByRole("link", { name: label, exact: true }).getAttribute("aria-current")).resolves.toBe("page");
      for (const stop of sweep.stops) {
        await reachOrShow(page, stop, `${name}-${label}`);
        const violations = [...(await axeWcag21(page)), ...(await hiddenPage(page))];
        stops += 1;
        if (violations.length > 0) {
          found.push(...report(`${label} › ${stop.view} [${name}]`, violations));
          await screenshot(page, `sweep-${name}-${label}-${stop.view}.png`.replace(/[^A-Za-z0-9.-]+/g, "-"));
        }
      }
      seen.add(label);
    }

    expect(found.join("\n")).toBe("");
    expect([...seen]).toEqual(scenes.map((s) => s.label));
    expect(stops).toBe(Object.values(SWEEP).reduce((n, s) => n + s.stops.length, 0));
    expect(watch.csp).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it.each(THEMES)("an empty community's scenes in the %s theme: no serious or critical violations, no CSP violations", async (theme, name) => {
    const found: string[] = [];
    await openScene(page, AMARA, theme, "#/library", "", emptyCommunity);
    const scenes = await navScenes(page);
    for (const { label, hash } of scenes) {
      await openScene(page, AMARA, theme, hash, "", emptyCommunity);
      await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Night Shift Leads");
      // The scene's first view has settled: its content or its empty state, no spinner.
      await page.locator("main [role=status] .fui-Spinner").first().waitFor({ state: "detached" });
      await page.locator("main .fui-Spinner").first().waitFor({ state: "detached" });
      const violations = [...(await axeWcag21(page)), ...(await hiddenPage(page))];
      if (violations.length > 0) found.push(...report(`${label} (empty community) [${name}]`, violations));
      if (violations.length > 0 || theme === "default") await screenshot(page, `sweep-empty-${name}-${label}.png`.replace(/[^A-Za-z0-9.-]+/g, "-"));
    }
    await openScene(page, AMARA, theme, "#/library", "", emptyCommunity);
    await page.getByText("Nothing in the library yet").waitFor();
    expect(found.join("\n")).toBe("");
    expect(watch.csp).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it("leaving the library editor with “Discard changes” gives the page back to assistive technology", async () => {
    // Fluent's focus manager hides the page while a modal dialog is open; if the dialog and the
    // last component using that manager unmount together, its clean-up used to be dropped.
    await openScene(page, JONAS, "default", "#/library");
    await page.locator("[id^='artifact-link-']").first().click();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.locator("#edit-title").fill("A title changed and not saved");
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await leave.waitFor();
    // The dialog hides the page behind it (after the manager's 250 ms delay), as a modal should.
    await eventually(() => page.evaluate(() => document.getElementById("root")?.getAttribute("aria-hidden") ?? null), "true");
    await leave.getByRole("button", { name: "Discard changes" }).click();
    await page.locator("#item-heading").waitFor();
    // Longer than the manager's own 250 ms delay before it shows the page again.
    await page.waitForTimeout(600);
    expect(await hiddenPage(page)).toEqual([]);
    await expect(page.getByRole("button", { name: "History" }).count()).resolves.toBe(1);
  });

  it("the listener hears the CSP: an inline script injected into the tab is refused and reported", async () => {
    // Proves that "no CSP violations" above is heard, not merely unheard.
    await openScene(page, JONAS, "default", "#/library");
    watch.csp.length = 0;
    watch.errors.length = 0;
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true;";
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await eventually(async () => watch.csp.length, 1);
    expect(watch.csp[0]).toMatchObject({ directive: "script-src-elem", blocked: "inline" });
    expect(watch.errors.filter(isCspMessage)).toHaveLength(1);
  });

  it("the sweep's axe run catches what it should: an unlabelled button and faint text are reported, with their targets", async () => {
    // Proves that "no violations" above comes from rules that ran, on the page as drawn.
    await openScene(page, JONAS, "dark", "#/library");
    await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.id = "axe-probe";
      probe.innerHTML = '<button type="button"></button><p style="color:#3a3a3a">Faint text on a dark page</p>';
      document.querySelector("main")!.prepend(probe);
    });
    const violations = await axeWcag21(page);
    expect(violations.map((v) => v.id).sort()).toEqual(["button-name", "color-contrast"]);
    expect(report("probe", violations).join("\n")).toContain('target ["#axe-probe > button"]');
  });
});

// ---------------------------------------------------------------------------------------
// Inside Teams and Microsoft 365: the tab framed at an https origin, with the server's own headers

const TAB_ORIGIN = "https://circles.test";
/** Where teams-js fetches the list of host origins it trusts (our CSP's connect-src allows it). */
const VALID_ORIGINS_CDN = "https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json";

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

/**
 * A stand-in for a Teams or Microsoft 365 host page: it frames the tab's content URL and
 * answers teams-js the way the host does (initialize, getContext, authentication.getAuthToken).
 */
function hostPage(tabUrl: string, token: string, theme: string): string {
  const runtime = { apiVersion: 4, supports: { app: {}, appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {} } };
  const context = { entityId: "circles", frameContext: "content", hostClientType: "web", appSessionId: "s1", theme, locale: "en-gb" };
  return `<!doctype html><html lang="en"><head><title>Host</title></head><body style="margin:0">
<iframe id="tab" title="Practice Circles" src="${tabUrl}" style="width:1280px;height:860px;border:0"></iframe>
<script>
  const tabOrigin = new URL(${JSON.stringify(tabUrl)}).origin;
  window.hostCalls = [];
  const answers = {
    initialize: ["content", "web", ${JSON.stringify(JSON.stringify(runtime))}, "2.0.0"],
    getContext: [${JSON.stringify(context)}],
    "authentication.getAuthToken": [true, ${JSON.stringify(token)}],
  };
  window.addEventListener("message", (event) => {
    const m = event.data;
    if (event.origin !== tabOrigin || !m || typeof m.func !== "string") return;
    window.hostCalls.push(m.func);
    const args = answers[m.func];
    if (args) event.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, event.origin);
  });
</script></body></html>`;
}

describe("Inside Teams and Microsoft 365: the tab at an https origin under the server's own headers", () => {
  let context: BrowserContext;
  let watch: Watch;
  const token = unsignedJwt({ ver: "2.0", tid: DEMO_TENANT_ID, oid: "teams-user", name: "Teams User", exp: Math.floor(Date.now() / 1000) + 3600 });
  /** Authorization headers the framed tab sent to its API. */
  const authorizations: string[] = [];
  /** The tab's documents as Chromium got them: address and Content-Security-Policy header. */
  const documents: { url: string; csp: string | undefined }[] = [];
  let cdnAsked = 0;
  let serverCsp: string;

  beforeAll(async () => {
    serverCsp = (await fetch(`${server.baseUrl}/`)).headers.get("content-security-policy") ?? "";
    expect(serverCsp).toContain("frame-ancestors");
    context = await browser.newContext({ viewport: { width: 1300, height: 900 }, locale: "en-GB", reducedMotion: "reduce" });
    watch = await watchContext(context);
    // The tab's origin, answered by the real local server: status, body and headers (CSP included) as it sent them.
    // Our test server has no Entra app: the API gets the host's bearer token replaced by a demo identity (the token is recorded).
    await context.route(`${TAB_ORIGIN}/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const headers = { ...request.headers() };
      if (url.pathname.startsWith("/api/")) {
        authorizations.push(headers.authorization ?? "");
        delete headers.authorization;
        headers["x-dev-user"] = JONAS;
      }
      const response = await route.fetch({ url: `${server.baseUrl}${url.pathname}${url.search}`, headers });
      if (request.resourceType() === "document") documents.push({ url: request.url(), csp: response.headers()["content-security-policy"] });
      await route.fulfill({ response });
    });
    // No network here: the Office CDN's answer is stood in for, with the origins teams-js ships with.
    await context.route(VALID_ORIGINS_CDN, (route) => {
      cdnAsked += 1;
      return route.fulfill({
        contentType: "application/json",
        headers: { "access-control-allow-origin": "*" },
        body: JSON.stringify({ validOrigins: ["teams.microsoft.com", "*.teams.microsoft.com", "teams.cloud.microsoft", "*.cloud.microsoft", "outlook.office.com", "outlook.office365.com", "www.microsoft365.com", "*.www.microsoft365.com", "www.office.com", "*.www.office.com"] }),
      });
    });
  });
  afterAll(() => context?.close());
  beforeEach(() => {
    watch.csp.length = 0;
    watch.errors.length = 0;
  });

  /** Waits until the framed tab shows `ready`, or fails at once with the reason if the frame was refused. */
  async function tabShows(page: Page, frame: () => Frame | undefined, ready: string): Promise<void> {
    const content = page.frameLocator("#tab").locator(ready).first();
    const deadline = Date.now() + 20_000;
    while (!(await content.isVisible())) {
      if (frame()?.url().startsWith("chrome-error:")) throw new Error(`The host could not frame the tab:\n${watch.errors.join("\n")}`);
      if (Date.now() > deadline) throw new Error(`The framed tab never showed ${ready}:\n${watch.errors.join("\n")}`);
      await page.waitForTimeout(100);
    }
  }

  /** Opens `hostUrl`, whose page frames the tab; resolves to the page and the tab's frame. */
  async function openHost(hostUrl: string, tabQuery: string, theme = "default"): Promise<{ page: Page; frame: () => Frame | undefined }> {
    const host = new URL(hostUrl).origin;
    await context.route(`${host}/**`, (route) => route.fulfill({ contentType: "text/html", body: hostPage(`${TAB_ORIGIN}/${tabQuery}`, token, theme) }));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(hostUrl);
    return { page, frame: () => page.frames().find((f) => f.url().startsWith(TAB_ORIGIN) || f.url().startsWith("chrome-error:")) };
  }

  it("in a Teams page (https://teams.microsoft.com) teams-js connects, the tab renders in the host's theme with its SSO token, and nothing breaks its CSP", async () => {
    const { page, frame } = await openHost("https://teams.microsoft.com/_#/apps/practice-circles", "?inTeams=1", "dark");
    const tab = page.frameLocator("#tab");
    await tabShows(page, frame, "li[id^='artifact-']");
    const inFrame = frame()!;
    // The frame's document came with the server's own CSP, and Chromium rendered it.
    expect(documents.find((d) => d.url.startsWith(`${TAB_ORIGIN}/?inTeams=1`))?.csp).toBe(serverCsp);
    // teams-js talked to the host and fetched its list of trusted origins (connect-src allows the Office CDN).
    await expect(page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls)).resolves.toEqual(expect.arrayContaining(["initialize", "getContext", "authentication.getAuthToken"]));
    expect(cdnAsked).toBeGreaterThan(0);
    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${token}`]));
    // In Teams mode, in Teams' theme: no local demo badge, the dark theme from the host's context.
    await expect(tab.getByText("Local demo").count()).resolves.toBe(0);
    await expect(inFrame.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("dark");
    expect(report("Library in Teams [dark]", await axeWcag21(inFrame)).join("\n")).toBe("");
    await screenshot(page, "sweep-teams-frame.png");

    // Another scene, loaded on demand (a new chunk) inside the frame.
    await tab.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Sessions" }).click();
    await tab.locator("article[data-session-id]").first().waitFor();
    expect(watch.csp).toEqual([]);
    expect(watch.errors).toEqual([]);

    // The CSP is in force in the frame: an injected inline script is refused and reported from there.
    const ran = await inFrame.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true;";
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await eventually(async () => watch.csp.map((v) => [v.directive, new URL(v.document).origin]), [["script-src-elem", TAB_ORIGIN]]);
    await page.close();
  });

  it.each([
    "https://teams.cloud.microsoft/v2/",
    "https://outlook.office.com/host/practice-circles",
    "https://outlook.office365.com/host/practice-circles",
    "https://www.microsoft365.com/m365apps/practice-circles",
    "https://m365.cloud.microsoft/m365apps/practice-circles",
    "https://www.office.com/m365apps/practice-circles",
  ])("Microsoft's other host %s may frame the tab too: it renders, with no CSP violations", async (hostUrl) => {
    const { page, frame } = await openHost(hostUrl, "?inTeams=1", "contrast");
    await tabShows(page, frame, "li[id^='artifact-']");
    await expect(frame()!.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("contrast");
    expect(watch.csp).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it.each(["https://evil.example/steal", "https://teams.microsoft.com.evil.example/_"])("a page at %s cannot frame the tab: frame-ancestors blocks it, and nothing of the tab loads", async (hostUrl) => {
    const apiCalls = authorizations.length;
    const { page, frame } = await openHost(hostUrl, "?inTeams=1");
    await eventually(async () => watch.errors.some((e) => /frame-ancestors/.test(e) && e.includes(TAB_ORIGIN)), true);
    // Chromium puts its error page in the frame instead of the tab.
    await eventually(async () => frame()?.url().startsWith("chrome-error:") ?? false, true);
    const blocked = frame();
    await expect(blocked!.evaluate(() => document.getElementById("root") === null && !document.body.innerText.includes("Practice Circles"))).resolves.toBe(true);
    expect(authorizations.length).toBe(apiCalls);
    await screenshot(page, `sweep-framed-by-${new URL(hostUrl).hostname}.png`);
    // The only complaint is the refusal itself.
    expect(watch.errors.filter((e) => !/frame-ancestors/.test(e))).toEqual([]);
    await page.close();
  });
});
