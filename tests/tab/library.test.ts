/**
 * The tab in real Chromium against the real server (seeded demo community): the
 * Library, identity switching, themes, accessibility and the error states.
 */
import { isDeepStrictEqual } from "node:util";
import { type Browser, type Page } from "playwright-core";
import {
  ARTIFACT_TYPE_LABELS,
  ArtifactListResponse,
  type ArtifactSummary,
  DevUsersResponse,
  MeResponse,
} from "../../bot/src/contracts";
import { describeViolations, launchBrowser, openPage, runAxe, screenshot, watchErrors } from "../support/browser";
import { startServer } from "../support/server";
import { ensureTabBuilt } from "../support/tabBuild";

let server: { baseUrl: string; close(): Promise<void> };
let browser: Browser;
let devUsers: DevUsersResponse["users"];

/** The server's own answer, to compare the screen with. */
async function api<T>(path: string, schema: { parse(v: unknown): T }, devUser: string): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { "X-Dev-User": devUser } });
  expect(response.status).toBe(200);
  return schema.parse(await response.json());
}

const rows = (page: Page) => page.locator("li[id^='artifact-']");

/** Opens the tab and waits until the library list (or an error) is on screen. */
async function openTab(page: Page, query = ""): Promise<void> {
  await page.goto(`${server.baseUrl}/${query}`);
  await page
    .locator("li[id^='artifact-'], .fui-MessageBar")
    .or(page.getByText("Nothing in the library yet"))
    .first()
    .waitFor({ timeout: 20_000 });
}

async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.querySelector(".fui-FluentProvider");
    const [r, g, b] = (getComputedStyle(root ?? document.body).backgroundColor.match(/\d+/g) ?? ["255", "255", "255"]).map(Number) as [number, number, number];
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

beforeAll(async () => {
  await ensureTabBuilt();
  server = await startServer();
  browser = await launchBrowser();
  const response = await fetch(`${server.baseUrl}/api/dev/users`);
  devUsers = DevUsersResponse.parse(await response.json()).users;
  expect(devUsers.length).toBeGreaterThan(1);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Library", () => {
  it("shows the demo community's artifacts as the server lists them", async () => {
    const first = devUsers[0]!;
    const me = await api("/api/me", MeResponse, first.userId);
    const community = me.communities[0]!;
    const library = await api(`/api/communities/${community.id}/artifacts?limit=50`, ArtifactListResponse, first.userId);
    expect(library.items.length).toBeGreaterThanOrEqual(20);

    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openTab(page);

    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(community.name);
    await expect(page.getByTestId("current-user").textContent()).resolves.toBe(me.user.displayName);
    await expect(rows(page).count()).resolves.toBe(library.items.length);

    const shown = await rows(page).evaluateAll((els) => els.map((el) => el.querySelector("h3")?.textContent ?? ""));
    expect(shown).toEqual(library.items.map((a) => a.title));

    const firstItem = rows(page).first();
    const firstText = await firstItem.innerText();
    expect(firstText).toContain(ARTIFACT_TYPE_LABELS[library.items[0]!.type]);
    expect(firstText).toMatch(/Updated \d/);

    const anonymous = library.items.filter((a) => a.author === null).length;
    await expect(page.getByText("Shared anonymously", { exact: true }).count()).resolves.toBe(anonymous);
    const named = library.items.find((a) => a.author);
    if (named) await expect(page.locator(`#artifact-${cssId(named.id)}`).innerText()).resolves.toContain(`By ${named.author!.displayName}`);

    // Landmarks and the one working scene in the navigation.
    await expect(page.locator("main").count()).resolves.toBe(1);
    await expect(page.getByRole("navigation").getByRole("link").count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "Library" }).getAttribute("aria-current")).resolves.toBe("page");

    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
    await screenshot(page, "library-default.png");
    const violations = await runAxe(page);
    expect(describeViolations(violations)).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("can be used with the keyboard alone", async () => {
    const page = await openPage(browser);
    await openTab(page);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("type") ?? document.activeElement?.tagName)).resolves.toBe("search");
    const outline = await page.evaluate(() => {
      const el = document.activeElement?.closest(".fui-SearchBox");
      return el ? getComputedStyle(el, "::after").borderBottomWidth : "";
    });
    expect(outline).not.toBe("0px");
    await page.context().close();
  });

  it("acts as the person named by ?devUser=", async () => {
    const other = devUsers.find((u) => u.displayName !== devUsers[0]!.displayName)!;
    const page = await openPage(browser);
    await openTab(page, `?devUser=${encodeURIComponent(other.userId)}`);
    await expect(page.getByTestId("current-user").textContent()).resolves.toBe(other.displayName);
    await page.context().close();
  });

  it("offers a community picker to people in several communities", async () => {
    const page = await openPage(browser);
    await page.route("**/api/me", async (route) => {
      const real = MeResponse.parse(await (await route.fetch()).json());
      real.communities.push({ id: "com-elsewhere", name: "Finance Leads Circle", role: "member" });
      await route.fulfill({ contentType: "application/json", body: JSON.stringify(real) });
    });
    await openTab(page);
    const first = await page.getByRole("heading", { level: 1 }).textContent();
    const picker = page.getByLabel("Community");
    await picker.selectOption("com-elsewhere");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Finance Leads Circle");
    expect(new URL(page.url()).searchParams.get("community")).toBe("com-elsewhere");
    // Not a real community on this server: the library says so instead of showing another's items.
    await page.locator(".fui-MessageBar").waitFor();
    await expect(rows(page).count()).resolves.toBe(0);
    await picker.selectOption({ label: first! });
    await rows(page).first().waitFor();
    await page.context().close();
  });

  it.each(["dark", "contrast"] as const)("renders the %s theme without serious accessibility issues", async (theme) => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openTab(page, `?theme=${theme}`);
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(theme);
    const luminance = await backgroundLuminance(page);
    if (theme === "contrast") expect(luminance).toBe(0);
    else expect(luminance).toBeLessThan(0.2);
    expect(await rows(page).count()).toBeGreaterThanOrEqual(20);
    await screenshot(page, `library-${theme}.png`);
    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("follows the OS dark preference when no theme is given", async () => {
    const page = await openPage(browser, { colorScheme: "dark" });
    await openTab(page);
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("dark");
    await page.context().close();
  });

  it("search and type filter ask the server and show its answer", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const base = `/api/communities/${me.communities[0]!.id}/artifacts?limit=50`;
    const all = await api(base, ArtifactListResponse, user);
    const word = longestWord(all.items[all.items.length - 1]!.title);
    const expected = await api(`${base}&q=${encodeURIComponent(word)}`, ArtifactListResponse, user);
    expect(expected.items.length).toBeGreaterThan(0);

    const page = await openPage(browser);
    await openTab(page);
    const searched = page.waitForResponse((r) => r.url().includes(`q=${encodeURIComponent(word)}`));
    await page.getByRole("searchbox").fill(word);
    await searched;
    await eventually(() => titles(page), expected.items.map((a) => a.title));

    const type = all.items[0]!.type;
    const typed = await api(`${base}&q=${encodeURIComponent(word)}&type=${type}`, ArtifactListResponse, user);
    await page.getByLabel("Type").selectOption(type);
    await eventually(() => titles(page), typed.items.map((a) => a.title));

    if (typed.items.length === 0) {
      await page.getByRole("button", { name: "Clear search and filter" }).click();
      await eventually(() => rows(page).count(), all.items.length);
    }
    await page.context().close();
  });

  it("shows a clear message for an unknown devUser instead of a blank page", async () => {
    const page = await openPage(browser);
    await openTab(page, "?devUser=nobody-here");
    const message = page.locator(".fui-MessageBar");
    await expect(message.innerText()).resolves.toContain("We don't know “nobody-here”");
    await page.getByRole("link", { name: devUsers[0]!.displayName }).waitFor();
    await screenshot(page, "library-error.png");
    expect(describeViolations(await runAxe(page))).toBe("");

    await page.getByRole("link", { name: devUsers[0]!.displayName }).click();
    await rows(page).first().waitFor();
    await expect(page.getByTestId("current-user").textContent()).resolves.toBe(devUsers[0]!.displayName);
    await page.context().close();
  });

  it("outside Teams, against a server that signs in through Teams, says to open it in Teams", async () => {
    const sso = await startServer({ env: { AAD_APP_CLIENT_ID: "00000000-0000-4000-8000-000000000001", SEED_DEMO: "false" } });
    try {
      const page = await openPage(browser);
      await page.goto(`${sso.baseUrl}/`);
      const message = page.locator(".fui-MessageBar");
      await message.waitFor({ timeout: 20_000 });
      await expect(message.innerText()).resolves.toContain("Open it from the Practice Circles app in Teams");
      await page.context().close();
    } finally {
      await sso.close();
    }
  });

  it("turns a failed library request into an error with a working retry", async () => {
    const page = await openPage(browser);
    let failures = 1;
    await page.route("**/artifacts?**", async (route) => {
      if (failures-- > 0) {
        await route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: { code: "unavailable", message: "The data store is busy. Nothing was saved; try again in a moment." } }),
        });
      } else await route.continue();
    });
    await openTab(page);
    const message = page.locator(".fui-MessageBar");
    await expect(message.innerText()).resolves.toContain("We couldn't load the library");
    await expect(message.innerText()).resolves.toContain("The data store is busy.");
    await page.getByRole("button", { name: "Try again" }).click();
    await rows(page).first().waitFor();
    await page.context().close();
  });

  it("brings a deep-linked item into view and focus", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const all = await api(`/api/communities/${me.communities[0]!.id}/artifacts?limit=50`, ArtifactListResponse, user);
    const target = all.items[all.items.length - 1]!;
    const page = await openPage(browser, { viewport: { width: 1280, height: 600 } });
    await openTab(page, `?item=${encodeURIComponent(target.id)}`);
    await eventually(() => page.evaluate(() => document.activeElement?.id), `artifact-${target.id}`);
    await expect(page.locator(`#artifact-${cssId(target.id)}`).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("pages through thousands of items with Load more and stays responsive", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const sample = (await api(`/api/communities/${me.communities[0]!.id}/artifacts?limit=1`, ArtifactListResponse, user)).items[0]!;
    const synthetic = syntheticLibrary(sample, 2000);
    const page = await openPage(browser);
    await page.route("**/artifacts?**", async (route) => {
      const url = new URL(route.request().url());
      const start = Number(url.searchParams.get("continuationToken") ?? 0);
      const limit = Number(url.searchParams.get("limit"));
      const items = synthetic.slice(start, start + limit);
      const next = start + limit < synthetic.length ? String(start + limit) : null;
      await route.fulfill({ contentType: "application/json", body: JSON.stringify({ items, continuationToken: next }) });
    });
    await openTab(page);
    await expect(rows(page).count()).resolves.toBe(50);
    const loadMore = page.getByRole("button", { name: "Load more" });
    await loadMore.click();
    await page.locator("#artifact-s-99").waitFor({ state: "attached" });
    // The other 38 pages: clicked in the page, timing each append until it is painted.
    const timings = await page.evaluate(async () => {
      const out: number[] = [];
      const count = () => document.querySelectorAll("li[id^='artifact-']").length;
      for (;;) {
        const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Load more");
        if (!button) return out;
        const before = count();
        const started = performance.now();
        button.click();
        while (count() === before) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        out.push(performance.now() - started);
      }
    });
    expect(timings).toHaveLength(38);
    await expect(rows(page).count()).resolves.toBe(2000);
    await expect(loadMore.count()).resolves.toBe(0);
    await expect(page.getByRole("status").filter({ hasText: "items" }).textContent()).resolves.toContain("2,000 items");
    // Off-screen rows skip layout and paint.
    await expect(rows(page).last().evaluate((el) => getComputedStyle(el).contentVisibility)).resolves.toBe("auto");
    // The last pages, with ~2,000 rows on the page, still render quickly (generous for a shared 2-core box).
    const lateAverage = timings.slice(-5).reduce((a, b) => a + b, 0) / 5;
    expect(lateAverage).toBeLessThan(1000);
    const scrollTime = await page.evaluate(async () => {
      const started = performance.now();
      for (let y = 0; y < document.body.scrollHeight; y += 4000) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
      return performance.now() - started;
    });
    expect(scrollTime).toBeLessThan(10_000);
    await page.context().close();
  });
});

describe("Inside Teams (a simulated Teams host frames the tab)", () => {
  /**
   * Playwright serves a stand-in Teams page at https://teams.microsoft.com that frames the
   * tab with `?inTeams=1` and answers teams-js the way the host does: initialize,
   * getContext, authentication.getAuthToken, and a themeChange pushed later.
   */
  async function openInTeams(query: string, context: Record<string, unknown>) {
    // Teams is a public origin framing a loopback server here: allow that local-network access.
    const page = await openPage(browser, { permissions: ["local-network-access"] });
    const token = unsignedJwt({ ver: "2.0", tid: "00000000-0000-4000-8000-00000000000a", oid: "teams-user", name: "Teams User", exp: Math.floor(Date.now() / 1000) + 3600 });
    const tabUrl = `${server.baseUrl}/?inTeams=1${query}`;
    await page.context().route("https://teams.microsoft.com/**", (route) =>
      route.fulfill({ contentType: "text/html", body: teamsHostPage(tabUrl, token, context) }),
    );
    // Our server has no Entra app in tests: check the bearer token, then call as a demo user.
    const authorizations: string[] = [];
    await page.context().route(`${server.baseUrl}/api/**`, (route) => {
      const headers = { ...route.request().headers() };
      authorizations.push(headers.authorization ?? "");
      delete headers.authorization;
      return route.continue({ headers: { ...headers, "x-dev-user": devUsers[0]!.userId } });
    });
    const scripts: string[] = [];
    page.on("request", (request) => request.resourceType() === "script" && scripts.push(request.url()));
    await page.goto("https://teams.microsoft.com/_/practice-circles");
    const frame = page.frameLocator("#tab");
    await frame.locator("li[id^='artifact-']").first().waitFor({ timeout: 20_000 });
    const tab = page.frames().find((f) => f.url().startsWith(server.baseUrl))!;
    return { page, frame, tab, token, authorizations, scripts };
  }

  it("uses the Teams theme, SSO token and deep link, and follows theme changes", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const all = await api(`/api/communities/${me.communities[0]!.id}/artifacts?limit=50`, ArtifactListResponse, user);
    const target = all.items[5]!;
    const { page, tab, token, authorizations, scripts } = await openInTeams("", { theme: "dark", locale: "en-us", subEntityId: target.id });
    expect(scripts.some((url) => /\/assets\/teamsfx-/.test(url))).toBe(false);

    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${token}`]));
    await expect(tab.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("dark");
    await eventually(() => tab.evaluate(() => document.activeElement?.id), `artifact-${target.id}`);
    await expect(tab.locator("text=Local demo").count()).resolves.toBe(0);
    await screenshot(page, "library-teams-dark.png");

    await page.evaluate(() => (window as unknown as { pushTheme(t: string): void }).pushTheme("contrast"));
    await eventually(() => tab.evaluate(() => document.documentElement.dataset.theme), "contrast");
    const calls = await page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls);
    expect(calls).toEqual(expect.arrayContaining(["initialize", "getContext", "authentication.getAuthToken"]));
    await page.context().close();
  });

  it("gets the SSO token through teamsfx's TeamsUserCredential when the client id is known", async () => {
    const { page, tab, token, authorizations, scripts } = await openInTeams("&clientId=00000000-0000-4000-8000-000000000001", { theme: "default", locale: "en-gb" });
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${token}`]));
    expect(scripts.some((url) => /\/assets\/teamsfx-/.test(url))).toBe(true);
    await expect(tab.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("default");
    await page.context().close();
  });
});

/** Polls `read` until it equals `expected` (the UI settles after debounce and fetch), then asserts. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    actual = await read();
  }
  expect(actual).toEqual(expected);
}

function titles(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((els) => els.map((el) => el.querySelector("h3")?.textContent ?? ""));
}

function longestWord(text: string): string {
  return text.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0] ?? text;
}

/** Ids may contain ":" or "."; escape them for a CSS id selector. */
function cssId(id: string): string {
  return id.replace(/([^A-Za-z0-9_-])/g, "\\$1");
}

/** `count` items shaped exactly like a real one from the server, so the contract can grow freely. */
function syntheticLibrary(sample: ArtifactSummary, count: number): ArtifactSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    ...sample,
    id: `s-${i}`,
    title: `Practice note ${i + 1}`,
    author: i % 5 === 0 ? null : sample.author,
    updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
  }));
}

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** The stand-in host page: frames the tab and speaks just enough of the teams-js protocol. */
function teamsHostPage(tabUrl: string, token: string, context: Record<string, unknown>): string {
  const runtime = { apiVersion: 4, supports: { app: {}, appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {} } };
  const legacyContext = { entityId: "library", frameContext: "content", hostClientType: "web", appSessionId: "s1", ...context };
  return `<!doctype html><html lang="en"><head><title>Teams</title></head><body style="margin:0">
<iframe id="tab" title="Practice Circles" src="${tabUrl}" style="width:1280px;height:800px;border:0"></iframe>
<script>
  const tabOrigin = new URL(${JSON.stringify(tabUrl)}).origin;
  const frame = document.getElementById("tab");
  window.hostCalls = [];
  const answers = {
    initialize: ["content", "web", ${JSON.stringify(JSON.stringify(runtime))}, "2.0.0"],
    getContext: [${JSON.stringify(legacyContext)}],
    "authentication.getAuthToken": [true, ${JSON.stringify(token)}],
  };
  window.addEventListener("message", (event) => {
    const m = event.data;
    if (event.origin !== tabOrigin || !m || typeof m.func !== "string") return;
    window.hostCalls.push(m.func);
    const args = answers[m.func];
    if (args) event.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, event.origin);
  });
  window.pushTheme = (theme) => frame.contentWindow.postMessage({ func: "themeChange", args: [theme] }, tabOrigin);
</script></body></html>`;
}
