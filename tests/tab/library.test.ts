/**
 * The tab in real Chromium against the real server (seeded demo community): the
 * Library list, its search and filters, identity switching, themes, accessibility,
 * keyboard use, the error states, and the tab inside a simulated Teams host.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, type Page } from "playwright-core";
import { ARTIFACT_TYPE_LABELS, ArtifactListResponse, type ArtifactSummary, CommunityResponse, DevUsersResponse, MeResponse } from "../../bot/src/contracts";
import { describeViolations, launchBrowser, openPage, runAxe, screenshot, watchErrors } from "../support/browser";
import { startServer } from "../support/server";
import { ensureTabBuilt, tabDist } from "../support/tabBuild";
import { activeId, apiGet, backgroundLuminance, cssId, eventually, longestWord, openTab as open, rows, titles } from "./helpers";

let server: { baseUrl: string; close(): Promise<void> };
let browser: Browser;
let devUsers: DevUsersResponse["users"];

const api = <T,>(path: string, schema: { parse(v: unknown): T }, devUser: string) => apiGet(server, path, schema, devUser);
const openTab = (page: Page, query = "") => open(server, page, query);
/** Tall enough that the virtualised list renders every row of the demo library. */
const TALL = { viewport: { width: 1280, height: 4000 } };

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

    const page = await openPage(browser, TALL);
    const errors = watchErrors(page);
    const scripts: string[] = [];
    page.on("request", (r) => r.resourceType() === "script" && scripts.push(new URL(r.url()).pathname.split("/").pop()!));
    await openTab(page);

    // The list loads lean: no editor, item views, Markdown parser or Teams SDKs yet.
    expect(scripts.filter((name) => /^(ArtifactEditor|ArtifactDetail|ArtifactHistory|Markdown|markdown|teams-js|teamsfx)-/.test(name))).toEqual([]);
    const gzipped = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(tabDist, "assets", name))).length, 0);
    console.info(`The library list loads ${scripts.length} scripts, ${(gzipped / 1024).toFixed(1)} KiB gzipped: ${scripts.join(", ")}`);
    expect(gzipped).toBeLessThan(200 * 1024);

    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(community.name);
    await expect(page.getByTestId("current-user").textContent()).resolves.toBe(me.user.displayName);
    await eventually(() => titles(page), library.items.map((a) => a.title));
    await expect(page.getByRole("status").filter({ hasText: "items" }).textContent()).resolves.toBe(`${library.items.length} items`);
    await expect(rows(page).first().getAttribute("aria-setsize")).resolves.toBe(String(library.items.length));

    const firstText = await rows(page).first().innerText();
    expect(firstText).toContain(ARTIFACT_TYPE_LABELS[library.items[0]!.type]);
    expect(firstText).toMatch(/Updated \d/);

    const anonymous = library.items.filter((a) => a.author === null).length;
    await expect(page.getByText("Shared anonymously", { exact: true }).count()).resolves.toBe(anonymous);
    const named = library.items.find((a) => a.author);
    if (named) await expect(page.locator(`#artifact-${cssId(named.id)}`).innerText()).resolves.toContain(`By ${named.author!.displayName}`);

    // Landmarks and the working scenes in the navigation.
    await expect(page.locator("main").count()).resolves.toBe(1);
    await expect(page.getByRole("navigation").getByRole("link").allInnerTexts()).resolves.toEqual(["Library", "Progress map", "Sessions", "Buddies", "Insights", "Charter"]);
    await expect(page.getByRole("link", { name: "Library" }).getAttribute("aria-current")).resolves.toBe("page");

    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, "library-default.png");
    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("can be used with the keyboard alone: skip link, filters, rows with arrow keys, Enter to open, back to the row", async () => {
    const page = await openPage(browser);
    await openTab(page);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect(activeId(page)).resolves.toBe("main");
    // The lead's actions come first, then the search.
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Recently deleted");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("New item");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("type") ?? document.activeElement?.tagName)).resolves.toBe("search");
    const outline = await page.evaluate(() => {
      const el = document.activeElement?.closest(".fui-SearchBox");
      return el ? getComputedStyle(el, "::after").borderBottomWidth : "";
    });
    expect(outline).not.toBe("0px");

    // Tab through the filters to the list: one stop for the whole list.
    for (let i = 0; i < 40 && !(await activeId(page)).startsWith("artifact-link-"); i++) await page.keyboard.press("Tab");
    const ids = await rows(page).evaluateAll((els) => els.map((el) => el.id.replace(/^artifact-/, "")));
    await expect(activeId(page)).resolves.toBe(`artifact-link-${ids[0]}`);
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!, "::after").outlineStyle);
    expect(ring).toBe("solid");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(activeId(page)).resolves.toBe(`artifact-link-${ids[2]}`);
    await page.keyboard.press("ArrowUp");
    await expect(activeId(page)).resolves.toBe(`artifact-link-${ids[1]}`);
    await page.keyboard.press("End");
    await eventually(async () => (await activeId(page)).startsWith("artifact-link-") && (await activeId(page)) !== `artifact-link-${ids[1]}`, true);
    const lastId = (await activeId(page)).replace("artifact-link-", "");
    await expect(page.locator(`#artifact-${cssId(lastId)}`).getAttribute("aria-posinset")).resolves.toBe(await page.locator(`#artifact-${cssId(lastId)}`).getAttribute("aria-setsize"));
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown");
    await expect(activeId(page)).resolves.toBe(`artifact-link-${ids[1]}`);
    // Shift+Tab leaves the list; Tab comes back to the same row.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(activeId(page)).resolves.toBe(`artifact-link-${ids[1]}`);

    await page.keyboard.press("Enter");
    await page.locator("#item-heading").waitFor();
    await expect(activeId(page)).resolves.toBe("item-heading");
    expect(new URL(page.url()).searchParams.get("item")).toBe(ids[1]);
    await page.keyboard.press("Shift+Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain("Back to the library");
    await page.keyboard.press("Enter");
    await eventually(() => activeId(page), `artifact-link-${ids[1]}`);
    expect(new URL(page.url()).searchParams.get("item")).toBeNull();
    await page.context().close();
  });

  it("acts as the person named by ?devUser=", async () => {
    const other = devUsers.find((u) => u.displayName !== devUsers[0]!.displayName)!;
    const page = await openPage(browser);
    await openTab(page, `?devUser=${encodeURIComponent(other.userId)}`);
    await expect(page.getByTestId("current-user").textContent()).resolves.toBe(other.displayName);
    await page.context().close();
  });

  it("shows leads' and sponsors' actions only to them", async () => {
    const member = devUsers.find((u) => u.role === "member")!;
    const sponsor = devUsers.find((u) => u.role === "sponsor")!;
    const page = await openPage(browser);
    await openTab(page, `?devUser=${member.userId}`);
    await expect(page.getByRole("button", { name: "New item" }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Recently deleted" }).count()).resolves.toBe(0);
    await openTab(page, `?devUser=${sponsor.userId}`);
    await expect(page.getByRole("button", { name: "New item" }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("offers a community picker to people in several communities", async () => {
    const page = await openPage(browser);
    await page.route("**/api/me", async (route) => {
      const real = MeResponse.parse(await (await route.fetch()).json());
      real.communities.push({ id: "com-elsewhere", name: "Finance Leads Circle", role: "member" });
      await route.fulfill({ contentType: "application/json", body: JSON.stringify(real) });
    });
    await openTab(page, "?q=feedback");
    const first = await page.getByRole("heading", { level: 1 }).textContent();
    const picker = page.getByLabel("Community");
    await picker.selectOption("com-elsewhere");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Finance Leads Circle");
    const url = new URL(page.url());
    expect(url.searchParams.get("community")).toBe("com-elsewhere");
    // A search belongs to the community it was made in.
    expect(url.searchParams.get("q")).toBeNull();
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
    expect(await rows(page).count()).toBeGreaterThanOrEqual(5);
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

  it("search and type filter ask the server, show its answer, and live in the address", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const base = `/api/communities/${me.communities[0]!.id}/artifacts?limit=50`;
    const all = await api(base, ArtifactListResponse, user);
    const word = longestWord(all.items[all.items.length - 1]!.title);
    const expected = await api(`${base}&q=${encodeURIComponent(word)}`, ArtifactListResponse, user);
    expect(expected.items.length).toBeGreaterThan(0);
    expect(expected.items.length).toBeLessThan(all.items.length);

    const page = await openPage(browser, TALL);
    await openTab(page);
    const searched = page.waitForResponse((r) => r.url().includes(`q=${encodeURIComponent(word)}`));
    await page.getByRole("searchbox").fill(word);
    await searched;
    await eventually(() => titles(page), expected.items.map((a) => a.title));
    await eventually(async () => new URL(page.url()).searchParams.get("q"), word);

    const type = expected.items[0]!.type;
    const typed = await api(`${base}&q=${encodeURIComponent(word)}&type=${type}`, ArtifactListResponse, user);
    await page.getByLabel("Type").selectOption(type);
    await eventually(() => titles(page), typed.items.map((a) => a.title));
    expect(new URL(page.url()).searchParams.get("type")).toBe(type);

    // The filtered view survives a reload: the address is the state.
    await page.reload();
    await rows(page).first().waitFor();
    await eventually(() => titles(page), typed.items.map((a) => a.title));
    await expect(page.getByRole("searchbox").inputValue()).resolves.toBe(word);
    await expect(page.getByLabel("Type").inputValue()).resolves.toBe(type);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await eventually(() => titles(page), all.items.map((a) => a.title));
    expect(new URL(page.url()).search).toBe("");
    await page.context().close();
  });

  it("filters by priority, author, dates and review, and sorts, as the server does", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const communityId = me.communities[0]!.id;
    const base = `/api/communities/${communityId}/artifacts?limit=50`;
    const all = await api(base, ArtifactListResponse, user);
    const details = await api(`/api/communities/${communityId}`, CommunityResponse, user);
    const priority = details.culturalPriorities.find((p) => all.items.some((a) => a.priorities.includes(p.id)))!;
    const author = all.items.find((a) => a.author)!.author!;

    const page = await openPage(browser, TALL);
    await openTab(page);
    await rows(page).first().waitFor();

    const check = async (query: string) => eventually(async () => titles(page), (await api(`${base}${query}`, ArtifactListResponse, user)).items.map((a) => a.title));

    await page.getByLabel("Priority").selectOption(priority.id);
    await check(`&priority=${priority.id}`);
    await page.getByLabel("Shared by").selectOption(author.id);
    await check(`&priority=${priority.id}&author=${author.id}`);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ priority: priority.id, author: author.id });
    await page.getByRole("button", { name: "Clear filters" }).click();

    const dates = all.items.map((a) => a.updatedAt.slice(0, 10)).sort();
    const from = dates[Math.floor(dates.length / 2)]!;
    await page.getByLabel("Updated from").fill(from);
    await check(`&from=${from}`);
    await page.getByLabel("Updated until").fill(from);
    await check(`&from=${from}&to=${from}`);
    await page.getByRole("button", { name: "Clear filters" }).click();

    await page.getByLabel("Due for review").check();
    await check("&dueForReview=true");
    const due = await titles(page);
    expect(due.length).toBeGreaterThan(0);
    await expect(page.getByText("Review due", { exact: true }).count()).resolves.toBe(due.length);
    await page.getByLabel("Due for review").uncheck();

    await page.getByLabel("Sort by").selectOption("opened");
    await check("&sort=opened");
    await page.getByLabel("Sort by").selectOption("newest");
    await check("&sort=newest");
    expect(new URL(page.url()).searchParams.get("sort")).toBe("newest");

    // Something nothing matches: a friendly empty state with a way out.
    await page.getByRole("searchbox").fill("zzqxw nothing like this");
    await page.getByText("No matches").waitFor();
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await eventually(async () => (await titles(page)).length, all.items.length);
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

  it("keeps thousands of items smooth: few rows in the page, pages load as you scroll, End reaches the last", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const sample = (await api(`/api/communities/${me.communities[0]!.id}/artifacts?limit=1`, ArtifactListResponse, user)).items[0]!;
    const synthetic = syntheticLibrary(sample, 3000);
    const page = await openPage(browser);
    const errors = watchErrors(page);
    let requests = 0;
    await page.route("**/artifacts?**", async (route) => {
      requests++;
      const url = new URL(route.request().url());
      const start = Number(url.searchParams.get("continuationToken") ?? 0);
      const limit = Number(url.searchParams.get("limit"));
      const items = synthetic.slice(start, start + limit);
      const next = start + limit < synthetic.length ? String(start + limit) : null;
      await route.fulfill({ contentType: "application/json", body: JSON.stringify({ items, continuationToken: next }) });
    });
    await openTab(page);
    await expect(page.getByRole("status").filter({ hasText: "items" }).textContent()).resolves.toContain("Showing the first 50 items");
    expect(await rows(page).count()).toBeLessThan(30);

    // Scrolling to the bottom again and again loads every page; time each one until it is painted.
    const timings = await page.evaluate(async () => {
      const out: number[] = [];
      const status = () => [...document.querySelectorAll("[role=status]")].map((s) => s.textContent ?? "").join(" ");
      for (let i = 0; i < 100 && !/^3,000 items/.test(status()); i++) {
        const before = status();
        const started = performance.now();
        window.scrollTo(0, document.body.scrollHeight);
        while (status() === before) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        out.push(performance.now() - started);
      }
      return out;
    });
    await eventually(async () => page.getByRole("status").filter({ hasText: "items" }).textContent(), "3,000 items");
    expect(requests).toBe(60);
    expect(timings.length).toBeGreaterThan(10);
    // Only the rows near the viewport are in the page, whatever the length of the list.
    const rendered = await rows(page).count();
    expect(rendered).toBeLessThan(40);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator("#artifact-s-2999").waitFor();
    await expect(page.locator("#artifact-s-2999").isVisible()).resolves.toBe(true);
    // Late pages render as fast as early ones (generous for a shared 2-core box).
    const lateAverage = timings.slice(-5).reduce((a, b) => a + b, 0) / 5;
    expect(lateAverage).toBeLessThan(1000);

    // Scroll the whole list top to bottom, frame by frame.
    const scrollTime = await page.evaluate(async () => {
      window.scrollTo(0, 0);
      const started = performance.now();
      for (let y = 0; y < document.body.scrollHeight; y += 2000) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
      return performance.now() - started;
    });
    expect(scrollTime).toBeLessThan(10_000);

    // The keyboard reaches any row: Home, then End, from the list.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("#artifact-link-s-0").focus();
    await page.keyboard.press("End");
    await eventually(() => activeId(page), "artifact-link-s-2999");
    await page.keyboard.press("Home");
    await eventually(() => activeId(page), "artifact-link-s-0");
    await page.keyboard.press("PageDown");
    await eventually(() => activeId(page), "artifact-link-s-8");
    expect(await rows(page).count()).toBeLessThan(40);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/** `count` items shaped exactly like a real one from the server, so the contract can grow freely. */
function syntheticLibrary(sample: ArtifactSummary, count: number): ArtifactSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    ...sample,
    id: `s-${i}`,
    title: `Practice note ${i + 1}`,
    summary: i % 3 === 0 ? "A longer summary that wraps onto a second line on narrower screens, so row heights differ and must be measured rather than assumed." : sample.summary,
    author: i % 5 === 0 ? null : sample.author,
    updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
  }));
}

describe("Inside Teams (a simulated Teams host frames the tab)", () => {
  /**
   * Playwright serves a stand-in Teams page at https://teams.microsoft.com that frames the
   * tab with `?inTeams=1` and answers teams-js the way the host does: initialize,
   * getContext, authentication.getAuthToken, settings calls, and a themeChange pushed later.
   */
  async function openInTeams(query: string, context: Record<string, unknown>, options: { frameContext?: string; ready?: string } = {}) {
    // Teams is a public origin framing a loopback server here: allow that local-network access.
    const page = await openPage(browser, { permissions: ["local-network-access"] });
    const token = unsignedJwt({ ver: "2.0", tid: "00000000-0000-4000-8000-00000000000a", oid: "teams-user", name: "Teams User", exp: Math.floor(Date.now() / 1000) + 3600 });
    const tabUrl = `${server.baseUrl}/?inTeams=1${query}`;
    await page.context().route("https://teams.microsoft.com/**", (route) =>
      route.fulfill({ contentType: "text/html", body: teamsHostPage(tabUrl, token, context, options.frameContext ?? "content") }),
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
    await frame.locator(options.ready ?? "li[id^='artifact-']").first().waitFor({ timeout: 20_000 });
    const tab = page.frames().find((f) => f.url().startsWith(server.baseUrl))!;
    return { page, frame, tab, token, authorizations, scripts };
  }

  it("uses the Teams theme, SSO token and deep link (artifact:<community>:<item>), and follows theme changes", async () => {
    const user = devUsers[0]!.userId;
    const me = await api("/api/me", MeResponse, user);
    const communityId = me.communities[0]!.id;
    const all = await api(`/api/communities/${communityId}/artifacts?limit=50`, ArtifactListResponse, user);
    const target = all.items[5]!;
    const { page, frame, tab, token, authorizations, scripts } = await openInTeams(
      "",
      { theme: "dark", locale: "en-us", subEntityId: `artifact:${communityId}:${target.id}` },
      { ready: "#item-heading" },
    );
    expect(scripts.some((url) => /\/assets\/teamsfx-/.test(url))).toBe(false);

    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${token}`]));
    await expect(tab.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe("dark");
    await eventually(() => frame.locator("#item-heading").textContent(), target.title);
    await expect(tab.locator("text=Local demo").count()).resolves.toBe(0);
    await screenshot(page, "library-teams-dark.png");

    // Closing the deep-linked item shows the library, with that item's row in focus.
    await frame.getByRole("button", { name: "Back to the library" }).click();
    await eventually(() => tab.evaluate(() => document.activeElement?.id), `artifact-link-${target.id}`);

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

  it("as a channel tab's setup page, enables Save and saves the tab's content and website URLs", async () => {
    const { page, frame } = await openInTeams(
      "&view=configure",
      { theme: "default", locale: "en-gb", frameContext: "settings", teamId: "19:team@thread.skype", channelId: "19:channel@thread.skype" },
      { frameContext: "settings", ready: "[data-testid=configure-ready]" },
    );
    await expect(frame.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("library");
    const messages = () => page.evaluate(() => (window as unknown as { hostMessages: { func: string; args: unknown[] }[] }).hostMessages);
    await eventually(async () => (await messages()).find((m) => m.func === "settings.setValidityState")?.args, [true]);
    expect((await messages()).some((m) => m.func === "registerHandler" && JSON.stringify(m.args) === JSON.stringify(["save"]))).toBe(true);

    // The person selects Save in Teams.
    await page.evaluate(() => (window as unknown as { pushSave(): void }).pushSave());
    await eventually(async () => (await messages()).some((m) => m.func === "settings.save.success"), true);
    const saved = (await messages()).find((m) => m.func === "settings.setSettings")!.args[0] as Record<string, string>;
    expect(saved.contentUrl).toBe(`${server.baseUrl}/?inTeams=1`);
    expect(saved.websiteUrl).toBe(`${server.baseUrl}/`);
    expect(saved.entityId).toBeTruthy();
    await page.context().close();
  });
});

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** The stand-in host page: frames the tab and speaks just enough of the teams-js protocol. */
function teamsHostPage(tabUrl: string, token: string, context: Record<string, unknown>, frameContext: string): string {
  const runtime = { apiVersion: 4, supports: { app: {}, appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {} } };
  const legacyContext = { entityId: "library", frameContext, hostClientType: "web", appSessionId: "s1", ...context };
  return `<!doctype html><html lang="en"><head><title>Teams</title></head><body style="margin:0">
<iframe id="tab" title="Practice Circles" src="${tabUrl}" style="width:1280px;height:800px;border:0"></iframe>
<script>
  const tabOrigin = new URL(${JSON.stringify(tabUrl)}).origin;
  const frame = document.getElementById("tab");
  window.hostCalls = [];
  window.hostMessages = [];
  const answers = {
    initialize: [${JSON.stringify(frameContext)}, "web", ${JSON.stringify(JSON.stringify(runtime))}, "2.0.0"],
    getContext: [${JSON.stringify(legacyContext)}],
    "authentication.getAuthToken": [true, ${JSON.stringify(token)}],
    "settings.setSettings": [true],
  };
  window.addEventListener("message", (event) => {
    const m = event.data;
    if (event.origin !== tabOrigin || !m || typeof m.func !== "string") return;
    window.hostCalls.push(m.func);
    window.hostMessages.push({ func: m.func, args: m.args });
    const args = answers[m.func];
    if (args) event.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, event.origin);
  });
  window.pushTheme = (theme) => frame.contentWindow.postMessage({ func: "themeChange", args: [theme] }, tabOrigin);
  window.pushSave = () => frame.contentWindow.postMessage({ func: "settings.save", args: [{}] }, tabOrigin);
</script></body></html>`;
}
