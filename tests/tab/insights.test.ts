/**
 * The Insights scene in real Chromium against the real server (seeded demo community): the
 * sponsor sees real charts drawn from the API, each with a table carrying exactly the API's
 * numbers; a value held back for fewer than 5 people is a gap with the privacy note, never a
 * zero; the quarterly exports download; the period is kept in the address; loading, error
 * and empty states; light, dark and high-contrast themes with axe-core. Then "Your data"
 * (mounted by the Charter scene at `?charter=my-data`): download my data, and erase, refused
 * for the only lead and done for a member.
 */
import { readFileSync } from "node:fs";
import { type Browser, type Locator, type Page } from "playwright-core";
import { ArtifactListResponse, type Guarded, InsightsView, MeResponse, MyDataExport } from "../../bot/src/contracts";
import { describeViolations, launchBrowser, openPage, runAxe, screenshot, watchErrors } from "../support/browser";
import { startServer } from "../support/server";
import { ensureTabBuilt } from "../support/tabBuild";
import { apiGet, expectTheme, eventually } from "./helpers";

const COMMUNITY = "com-demo";
const GRACE = "aad-user-grace"; // sponsor
const PRIYA = "aad-user-priya"; // member
const AMARA = "aad-user-amara"; // the only lead
const SAM = "aad-user-sam"; // member: erases his data at the end

const SECTIONS = ["active-members", "check-in-rate", "attendance", "artifacts", "practices", "cross-department", "pilots"] as const;
const NOT_SHOWN = "Not shown (fewer than 5 people)";
const PRIVACY_NOTE = "Fewer than 5 people — not shown to protect privacy";

let server: { baseUrl: string; close(): Promise<void> };
let browser: Browser;

const api = (rest: string) => `/api/communities/${COMMUNITY}${rest}`;
const insightsAs = (devUser: string, months = 6) => apiGet(server, api(`/insights?months=${months}`), InsightsView, devUser);

// The numbers as the page prints them (en-GB, the test browser's locale), worked out here on their own.
const count = (v: number) => String(Math.round(v));
const pct = (v: number) => `${Math.round(v * 100)}%`;
const month = (m: string) => new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${m}-01T00:00:00Z`));
const day = (iso: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" }).format(new Date(iso));
const shownOrNot = (g: Guarded, format: (v: number) => string) => (g.suppressed || g.value === null ? NOT_SHOWN : format(g.value));
const isShown = (g: Guarded) => !g.suppressed && g.value !== null;

/** Opens the tab at Insights as a demo person and waits until the charts, a message or the empty state show. */
async function openScene(page: Page, devUser: string, query = ""): Promise<void> {
  await page.goto(`${server.baseUrl}/?devUser=${devUser}${query}#/insights`);
  await page.locator("#insights-heading").waitFor({ timeout: 20_000 });
  await page.locator("[data-testid=insights], .fui-MessageBar").or(page.getByText("Nothing to show yet")).first().waitFor({ timeout: 20_000 });
}

const section = (page: Page, id: (typeof SECTIONS)[number]) => page.getByTestId(`chart-${id}`);

/** Opens a chart's table and reads it: one array of cell texts per row, the row header first. */
async function tableOf(page: Page, id: (typeof SECTIONS)[number]): Promise<string[][]> {
  const here = section(page, id);
  const toggle = here.getByRole("button", { name: /Show as table|Hide table/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const table = here.getByRole("table");
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim() ?? "")));
}

/** The accessible labels the chart gives its drawn marks (points, bars, slices). */
function markLabels(scope: Locator, selector: string): Promise<string[]> {
  return scope.locator(selector).evaluateAll((els) => els.map((el) => el.getAttribute("aria-label") ?? ""));
}

beforeAll(async () => {
  await ensureTabBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Insights", () => {
  it("draws every chart from the demo data for the sponsor, and each chart's table carries the API's numbers", async () => {
    const view = await insightsAs(GRACE);
    const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await openScene(page, GRACE);

    const nav = await page.getByRole("navigation").getByRole("link").allInnerTexts();
    expect(nav.indexOf("Insights")).toBe(nav.indexOf("Buddies") + 1);
    await expect(page.getByRole("link", { name: "Insights" }).getAttribute("aria-current")).resolves.toBe("page");
    await expect(page.getByTestId("period").innerText()).resolves.toBe(`${month(view.from)} – ${month(view.to)}`);

    // Every section is a named region with a heading, a sentence and a drawn SVG chart.
    for (const id of SECTIONS) {
      const here = section(page, id);
      await expect(here.locator("h3").count()).resolves.toBe(1);
      await expect(here.locator("svg").first().isVisible()).resolves.toBe(true);
    }

    // Lines: one marker per month the API showed, labelled with its number.
    const active = section(page, "active-members");
    await eventually(
      () => markLabels(active, "svg circle[role=img]"),
      view.activeMembers.filter(isShown).map((p) => `${month(p.month)}: ${count(p.value!)}`),
    );
    await expect(markLabels(section(page, "check-in-rate"), "svg circle[role=img]")).resolves.toEqual(
      view.checkInRate.filter(isShown).map((p) => `${month(p.month)}: ${pct(p.value!)}`),
    );
    // Bars: one per value shown, going and checked in side by side for each session.
    await expect(section(page, "attendance").locator("svg rect[role=option]").count()).resolves.toBe(view.attendance.flatMap((s) => [s.going, s.checkIns]).filter(isShown).length);
    await expect(section(page, "artifacts").locator("svg rect[role=option]").count()).resolves.toBe(view.artifactsPerMonth.filter(isShown).length);
    await expect(section(page, "practices").locator("svg rect[role=option]").count()).resolves.toBe(
      view.practicesPerStage.flatMap((p) => [p.concept, p.piloting, p.adopted, p.habit]).filter((n) => n > 0).length,
    );
    await expect(section(page, "cross-department").locator("svg rect[role=option]").count()).resolves.toBe(view.crossDepartmentPairs.filter((r) => isShown(r.crossDepartmentGroups)).length);
    const pilotMarks = await section(page, "pilots").locator("svg rect[role=option], svg path[role=option]").count();
    expect(pilotMarks).toBe([view.pilotReports.worked, view.pilotReports.mixed, view.pilotReports.didNotWork].filter((g) => isShown(g) && g.value! > 0).length);
    expect(pilotMarks).toBeGreaterThan(0);

    // The tables: the same numbers as the API, a held-back value said in words.
    await expect(tableOf(page, "active-members")).resolves.toEqual(view.activeMembers.map((p) => [month(p.month), shownOrNot(p, count)]));
    await expect(tableOf(page, "check-in-rate")).resolves.toEqual(view.checkInRate.map((p) => [month(p.month), shownOrNot(p, pct)]));
    await expect(tableOf(page, "attendance")).resolves.toEqual(view.attendance.map((s) => [`${s.title}, ${day(s.startsAt)}`, shownOrNot(s.going, count), shownOrNot(s.checkIns, count)]));
    await expect(tableOf(page, "artifacts")).resolves.toEqual(view.artifactsPerMonth.map((p) => [month(p.month), shownOrNot(p, count)]));
    await expect(tableOf(page, "practices")).resolves.toEqual(view.practicesPerStage.map((p) => [month(p.month), ...[p.concept, p.piloting, p.adopted, p.habit].map(count)]));
    await expect(tableOf(page, "cross-department")).resolves.toEqual(
      view.crossDepartmentPairs.map((r) => [day(r.publishedAt), shownOrNot(r.crossDepartmentGroups, count), shownOrNot(r.crossDepartmentShare, pct)]),
    );
    const { worked, mixed, didNotWork, reporters } = view.pilotReports;
    await expect(tableOf(page, "pilots")).resolves.toEqual([
      ["Worked", shownOrNot(worked, count)],
      ["Mixed", shownOrNot(mixed, count)],
      ["Didn't work", shownOrNot(didNotWork, count)],
      ["Managers who reported", shownOrNot(reporters, count)],
    ]);
    // Tables have a caption and header cells for columns and rows.
    const practicesTable = section(page, "practices").getByRole("table");
    await expect(practicesTable.locator("caption").innerText()).resolves.toBe("Practices by stage: the numbers");
    await expect(practicesTable.getByRole("columnheader").allInnerTexts()).resolves.toEqual(["Month", "Concept", "Piloting", "Adopted", "Habit"]);
    await expect(practicesTable.getByRole("rowheader").count()).resolves.toBe(view.practicesPerStage.length);
    expect(describeViolations(await runAxe(page))).toBe("");

    // The stories: named reflections and cases, a case opening its library item here in the tab.
    expect(view.stories.length).toBeGreaterThan(0);
    const stories = page.getByTestId("stories");
    await expect(stories.getByRole("article").count()).resolves.toBe(view.stories.length);
    for (const [i, story] of view.stories.entries()) {
      const card = stories.getByRole("article").nth(i);
      await expect(card.locator("h4").innerText()).resolves.toBe(story.title);
      await expect(card.innerText()).resolves.toContain(story.authorName);
    }
    const linked = view.stories.find((s) => s.kind === "case" && s.link)!;
    const open = stories.getByRole("link", { name: `Open in the library: ${linked.title}` });
    const href = new URL((await open.getAttribute("href"))!, server.baseUrl);
    expect(href.hash).toBe("#/library");
    expect(href.searchParams.get("item")).toBe(linked.id);
    await open.click();
    await page.locator("#item-heading", { hasText: linked.title }).waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("leaves a value held back for fewer than 5 people out of the drawing, with the privacy note, never as a zero", async () => {
    const view = await insightsAs(GRACE);
    // The demo's facts this test stands on: quiet months before the demo began, and few "mixed" pilot reports.
    const quiet = view.activeMembers.filter((p) => p.suppressed);
    expect(quiet.length).toBeGreaterThan(0);
    expect(view.pilotReports.mixed).toEqual({ value: null, suppressed: true });
    expect(isShown(view.pilotReports.worked)).toBe(true);

    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, GRACE);

    // Active members: no marker for a held-back month (there is no "0" point), the stretch shaded and named, the note under it.
    const active = section(page, "active-members");
    const labels = await markLabels(active, "svg circle[role=img]");
    for (const p of quiet) expect(labels.some((l) => l.startsWith(month(p.month)))).toBe(false);
    expect(labels.some((l) => /: 0$/.test(l))).toBe(false);
    await expect(active.getByTestId("privacy-note").innerText()).resolves.toBe(PRIVACY_NOTE);
    await expect(active.locator("svg pattern").count()).resolves.toBeGreaterThan(0);
    await expect(active.getByText("Not shown: fewer than 5 people", { exact: true }).count()).resolves.toBe(1);
    // The axis still has every month, so the gap sits where the months are.
    const ticks = await active.locator("svg .fui-cart__xAxis .tick text").allInnerTexts();
    expect(ticks).toHaveLength(view.activeMembers.length);

    // Pilot reports: "Mixed" keeps its place on the axis with no bar, and the table says why.
    const pilots = section(page, "pilots");
    await expect(pilots.locator("svg text", { hasText: /^Mixed$/ }).count()).resolves.toBe(1);
    const bars = await markLabels(pilots, "svg rect[role=option]");
    expect(bars).toEqual([`Worked. Pilot reports, ${count(view.pilotReports.worked.value!)}.`]);
    await expect(pilots.getByTestId("privacy-note").innerText()).resolves.toBe(PRIVACY_NOTE);
    const table = await tableOf(page, "pilots");
    expect(table.find((r) => r[0] === "Mixed")).toEqual(["Mixed", NOT_SHOWN]);
    await expect(pilots.locator("td[data-suppressed=true]").count()).resolves.toBeGreaterThan(0);

    // A chart with nothing held back has no note (practices are not people: never held back).
    await expect(section(page, "practices").getByTestId("privacy-note").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("draws pilot reports as a donut when every outcome can be shown, and a held-back session count as a gap beside its pair", async () => {
    // The demo always holds some back, so the API's answer is varied on the way to the page.
    const view = await insightsAs(GRACE);
    const first = view.attendance[0]!;
    const varied: InsightsView = {
      ...view,
      attendance: [{ ...first, checkIns: { value: null, suppressed: true } }, ...view.attendance.slice(1)],
      pilotReports: { worked: { value: 7, suppressed: false }, mixed: { value: 5, suppressed: false }, didNotWork: { value: 6, suppressed: false }, reporters: { value: 9, suppressed: false } },
    };
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await page.route("**/api/communities/*/insights?*", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(varied) }));
    await openScene(page, GRACE);

    const pilots = section(page, "pilots");
    await expect(markLabels(pilots, "svg path[role=option]")).resolves.toEqual(["Worked, 7.", "Mixed, 5.", "Didn't work, 6."]);
    await expect(pilots.locator("svg rect[role=option]").count()).resolves.toBe(0);
    await expect(pilots.getByTestId("privacy-note").count()).resolves.toBe(0);
    await expect(pilots.innerText()).resolves.toContain("Reported by 9 managers.");
    await expect(tableOf(page, "pilots")).resolves.toEqual([
      ["Worked", "7"],
      ["Mixed", "5"],
      ["Didn't work", "6"],
      ["Managers who reported", "9"],
    ]);

    // The first session: its "going" bar and no "checked in" bar (not a zero-height one), and the note.
    const attendance = section(page, "attendance");
    const bars = await markLabels(attendance, "svg rect[role=option]");
    expect(bars).toHaveLength(view.attendance.length * 2 - 1);
    const firstGroup = attendance.locator("svg g[role=listbox]").first();
    await expect(firstGroup.locator("rect[role=option]").count()).resolves.toBe(1);
    await expect(firstGroup.locator("rect[role=option]").getAttribute("aria-label")).resolves.toContain("Going");
    await expect(attendance.getByTestId("privacy-note").innerText()).resolves.toBe(PRIVACY_NOTE);
    await expect(tableOf(page, "attendance").then((rows) => rows[0])).resolves.toEqual([`${first.title}, ${day(first.startsAt)}`, count(first.going.value!), NOT_SHOWN]);
    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("exports the quarter as Markdown and CSV for the sponsor, the files the server wrote; a member has no export", async () => {
    const view = await insightsAs(GRACE);
    expect(view.can.export).toBe(true);
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, GRACE);
    const quarter = await page.getByTestId("export").getByRole("combobox").inputValue();
    expect(quarter).toMatch(/^\d{4}-Q[1-4]$/);

    const fromServer = async (format: "md" | "csv", q: string) => {
      const response = await fetch(`${server.baseUrl}${api(`/insights/export?format=${format}&quarter=${q}`)}`, { headers: { "X-Dev-User": GRACE } });
      expect(response.status).toBe(200);
      return { name: /filename="?([^";]+)"?/.exec(response.headers.get("content-disposition") ?? "")![1]!, text: await response.text() };
    };

    const [md] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export quarter (Markdown)" }).click()]);
    const markdown = readFileSync((await md.path())!, "utf8");
    const expectedMd = await fromServer("md", quarter);
    expect(md.suggestedFilename()).toBe(expectedMd.name);
    expect(md.suggestedFilename()).toMatch(new RegExp(`${quarter}\\.md$`));
    expect(markdown.split("\n")[0]).toMatch(new RegExp(`^# .+: quarterly review ${quarter}$`));
    expect(markdown).toContain("## Active members");
    expect(markdown).toBe(expectedMd.text);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export quarter (CSV)" }).click()]);
    const sheet = readFileSync((await csv.path())!, "utf8");
    expect(csv.suggestedFilename()).toMatch(new RegExp(`${quarter}\\.csv$`));
    // A byte-order mark first, so spreadsheets read it as UTF-8.
    expect(sheet.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("section,period,label,value,note");
    expect(sheet.replace(/^\uFEFF/, "")).toBe((await fromServer("csv", quarter)).text.replace(/^\uFEFF/, ""));

    // An earlier quarter, chosen in the list.
    const options = await page.getByTestId("export").getByRole("combobox").locator("option").evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    expect(options[0]).toBe(quarter);
    await page.getByTestId("export").getByRole("combobox").selectOption(options[1]!);
    const [earlier] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export quarter (CSV)" }).click()]);
    expect(earlier.suggestedFilename()).toMatch(new RegExp(`${options[1]}\\.csv$`));
    expect(errors).toEqual([]);
    await page.context().close();

    // A member reads the insights but exports nothing.
    expect((await insightsAs(PRIYA)).can.export).toBe(false);
    const member = await openPage(browser);
    await openScene(member, PRIYA);
    await member.getByTestId("insights").waitFor();
    await expect(member.getByRole("button", { name: /^Export quarter/ }).count()).resolves.toBe(0);
    await member.context().close();
  });

  it("keeps the chosen period in the address and asks the API for it", async () => {
    const year = await insightsAs(GRACE, 12);
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, GRACE);
    const asked: string[] = [];
    page.on("request", (r) => r.url().includes("/insights?") && asked.push(new URL(r.url()).searchParams.get("months")!));
    await page.getByLabel("Period").selectOption("12");
    await eventually(() => page.getByTestId("period").innerText(), `${month(year.from)} – ${month(year.to)}`);
    expect(asked).toEqual(["12"]);
    expect(new URL(page.url()).searchParams.get("months")).toBe("12");
    await expect(tableOf(page, "active-members")).resolves.toEqual(year.activeMembers.map((p) => [month(p.month), shownOrNot(p, count)]));
    expect(year.activeMembers).toHaveLength(12);

    await page.reload();
    await page.getByTestId("insights").waitFor({ timeout: 20_000 });
    await expect(page.getByLabel("Period").inputValue()).resolves.toBe("12");
    await page.getByLabel("Period").selectOption("3");
    await eventually(() => page.getByTestId("period").innerText(), `${month((await insightsAs(GRACE, 3)).from)} – ${month(year.to)}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows loading, then an error with Try again, and an empty community's first steps", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    await page.route("**/api/communities/*/insights?*", async (route) => {
      calls += 1;
      if (calls === 1) {
        await held;
        await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "The store is busy. Try again in a moment." } }) });
      } else await route.continue();
    });
    await page.goto(`${server.baseUrl}/?devUser=${GRACE}#/insights`);
    await page.getByRole("status").filter({ hasText: "Loading the community's insights…" }).waitFor({ timeout: 20_000 });
    await expect(page.locator("#insights-heading").getAttribute("id")).resolves.toBe("insights-heading");
    release();
    const error = page.locator(".fui-MessageBar").filter({ hasText: "We couldn't load the insights" });
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain("The store is busy. Try again in a moment.");
    await error.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("insights").waitFor();
    expect(calls).toBe(2);
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
    await page.context().close();

    // A community with nothing yet: no empty charts, a sentence about what will come.
    const empty = await openPage(browser);
    const view = await insightsAs(GRACE);
    const none: Guarded = { value: null, suppressed: true };
    const blank: InsightsView = {
      ...view,
      activeMembers: view.activeMembers.map((p) => ({ ...p, ...none })),
      checkInRate: view.checkInRate.map((p) => ({ ...p, ...none })),
      artifactsPerMonth: view.artifactsPerMonth.map((p) => ({ ...p, ...none })),
      attendance: [],
      practicesPerStage: view.practicesPerStage.map((p) => ({ ...p, concept: 0, piloting: 0, adopted: 0, habit: 0 })),
      crossDepartmentPairs: [],
      pilotReports: { worked: none, mixed: none, didNotWork: none, reporters: none },
      stories: [],
      can: { export: false },
    };
    await empty.route("**/api/communities/*/insights?*", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(blank) }));
    await openScene(empty, GRACE);
    await expect(empty.getByRole("heading", { name: "Nothing to show yet" }).count()).resolves.toBe(1);
    await expect(empty.getByTestId("insights").count()).resolves.toBe(0);
    expect(describeViolations(await runAxe(empty))).toBe("");
    await empty.context().close();
  });
});

describe("Themes and accessibility", () => {
  it.each([
    ["default", "light"],
    ["dark", "dark"],
    ["contrast", "contrast"],
  ] as const)("the charts read in the %s theme, series stay apart, and axe finds nothing serious; kept as a screenshot", async (theme, name) => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await openScene(page, GRACE, `&theme=${theme}`);
    await expectTheme(page, theme);
    await expect(page.getByTestId("insights").getAttribute("data-theme")).resolves.toBe(theme);

    // Going and checked in, and the four stages, each in their own colour.
    const fills = (id: (typeof SECTIONS)[number]) =>
      section(page, id)
        .locator("svg rect[role=option]")
        .evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute("fill")))]);
    await expect(fills("attendance").then((f) => f.length)).resolves.toBe(2);
    await expect(fills("practices").then((f) => f.length)).resolves.toBe(4);
    const points = await section(page, "active-members").locator("svg circle[role=img]").evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute("fill")))]);
    expect(points).toHaveLength(1);
    expect(points[0]).not.toBe(await section(page, "check-in-rate").locator("svg circle[role=img]").first().getAttribute("fill"));
    if (theme === "contrast") {
      // The high-contrast theme's own colours, which stand apart on black.
      expect(await fills("practices")).toEqual(expect.arrayContaining(["#1aebff", "#ffff00", "#ffffff", "#3ff23f"]));
      expect(points).toEqual(["#1aebff"]);
    }

    await page.evaluate(() => window.scrollTo(0, 0));
    const path = await screenshot(page, `insights-${name}.png`, { fullPage: true });
    expect(path).toMatch(/insights-(light|dark|contrast)\.png$/);
    expect(describeViolations(await runAxe(page))).toBe("");
    // With every table open too.
    for (const id of SECTIONS) await tableOf(page, id);
    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("Your data (in the Charter scene)", () => {
  const openMyData = async (page: Page, devUser: string, theme = "default") => {
    await page.goto(`${server.baseUrl}/?devUser=${devUser}&theme=${theme}&charter=my-data#/charter`);
    await page.getByTestId("my-data").waitFor({ timeout: 20_000 });
  };

  it("downloads everything I contributed as JSON", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openMyData(page, PRIYA);
    await expect(page.getByRole("tab", { selected: true }).innerText()).resolves.toBe("Your data");
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download my data" }).click()]);
    expect(file.suggestedFilename()).toMatch(/^my-contributions-com-demo-\d{4}-\d{2}-\d{2}\.json$/);
    const data = MyDataExport.parse(JSON.parse(readFileSync((await file.path())!, "utf8")));
    expect(data.community.id).toBe(COMMUNITY);
    expect(data.member.userId).toBe(PRIYA);
    expect(data.checkIns.length + data.promptAnswers.length + data.artifacts.length).toBeGreaterThan(0);
    await page.locator(".fui-Toast").getByText("A copy of your data is downloading.").waitFor();
    await screenshot(page, "my-data.png");
    for (const theme of ["default", "dark", "contrast"]) {
      if (theme !== "default") await openMyData(page, PRIYA, theme);
      expect(describeViolations(await runAxe(page))).toBe("");
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("refuses to erase the only lead, and says why in the dialog", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openMyData(page, AMARA);
    await page.getByRole("button", { name: "Delete my contributions" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await dialog.getByLabel(/To confirm, type your name/).fill("Amara Okafor");
    await dialog.getByRole("button", { name: "Delete my contributions" }).click();
    await dialog.locator(".fui-MessageBar").getByText(/Nothing was deleted\. You are this community's only lead/).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await apiGet(server, "/api/me", MeResponse, AMARA)).communities.map((c) => c.id)).toContain(COMMUNITY);
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await page.context().close();
  });

  it("erases a member after they type their name: what they shared stays, anonymised, and they leave", async () => {
    const me = await apiGet(server, "/api/me", MeResponse, SAM);
    expect(me.communities.map((c) => c.id)).toContain(COMMUNITY);
    const name = me.user.displayName;
    const before = await apiGet(server, api(`/artifacts?limit=100&author=${SAM}`), ArtifactListResponse, GRACE);

    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openMyData(page, SAM);
    await page.getByRole("button", { name: "Delete my contributions" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain("stays for the community, but anonymised");
    expect(text).toContain("“A former member”");
    expect(text).toContain("You leave the community");
    expect(text).toContain("It can't be undone.");
    const erase = dialog.getByRole("button", { name: "Delete my contributions" });
    const field = dialog.getByLabel(`To confirm, type your name: ${name}`);
    await expect(erase.getAttribute("aria-disabled")).resolves.toBe("true");
    await field.fill(name.toUpperCase());
    await expect(erase.getAttribute("aria-disabled")).resolves.toBe("true");
    // Enter in the field does not erase: only the button does.
    await field.fill(` ${name} `);
    await field.press("Enter");
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(erase.getAttribute("aria-disabled")).resolves.not.toBe("true");
    await screenshot(page, "my-data-erase-dialog.png");
    expect(describeViolations(await runAxe(page))).toBe("");
    await erase.click();

    const done = page.getByTestId("erased");
    await done.waitFor({ timeout: 20_000 });
    await expect(done.innerText()).resolves.toContain("Your contributions are anonymised and you have left the community");
    await expect(done.innerText()).resolves.toContain("A former member");
    await expect(page.getByRole("button", { name: "Reload the tab" }).count()).resolves.toBe(1);
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? ""), "erased");
    await screenshot(page, "my-data-erased.png");
    expect(describeViolations(await runAxe(page))).toBe("");

    // The server agrees: no longer a member (of anything, so not known at all), and the items stay, signed by nobody.
    const after = await fetch(`${server.baseUrl}/api/me`, { headers: { "X-Dev-User": SAM } });
    if (after.status === 200) expect(MeResponse.parse(await after.json()).communities.map((c) => c.id)).not.toContain(COMMUNITY);
    else expect(after.status).toBe(401);
    const library = await apiGet(server, api("/artifacts?limit=100"), ArtifactListResponse, GRACE);
    expect(before.items.length).toBeGreaterThan(0);
    for (const item of before.items) {
      expect(item.author?.displayName).toBe(name);
      expect(library.items.find((i) => i.id === item.id)?.author?.displayName).toBe("A former member");
    }
    expect(library.items.some((i) => i.author?.displayName === name)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
