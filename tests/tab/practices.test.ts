/**
 * The Progress map scene in real Chromium against the real server (seeded demo community):
 * the map's rows and columns, moving a practice by keyboard and by drag and drop (and a
 * refused move), "My pilots" and starting a pilot, what a sponsor may not do, the
 * reflections feed (answering, anonymity, promoting to the library), the prompt bank, and
 * every view in the light, dark and high-contrast themes with axe-core.
 */
import { type Browser, type Locator, type Page } from "playwright-core";
import {
  ArtifactResponse,
  PRACTICE_STAGES,
  PracticeTimelineView,
  ProgressMapView,
  PromptBankView,
  ReflectionsFeedView,
} from "../../bot/src/contracts";
import { describeViolations, launchBrowser, openPage, runAxe, screenshot, watchErrors } from "../support/browser";
import { startServer } from "../support/server";
import { ensureTabBuilt } from "../support/tabBuild";
import { apiGet, apiSend, expectTheme, eventually } from "./helpers";

const COMMUNITY = "com-demo";
const JONAS = "aad-user-jonas"; // facilitator
const PRIYA = "aad-user-priya"; // member
const GRACE = "aad-user-grace"; // sponsor

let server: { baseUrl: string; close(): Promise<void> };
let browser: Browser;

const api = (rest: string) => `/api/communities/${COMMUNITY}${rest}`;
const mapAs = (devUser: string) => apiGet(server, api("/practices"), ProgressMapView, devUser);
const practiceAs = async (devUser: string, id: string) => (await mapAs(devUser)).practices.find((p) => p.id === id)!;
const timelineAs = (devUser: string, id: string) => apiGet(server, api(`/practices/${id}/timeline`), PracticeTimelineView, devUser);
const feedAs = (devUser: string) => apiGet(server, api("/reflections?limit=50"), ReflectionsFeedView, devUser);
const bankAs = (devUser: string) => apiGet(server, api("/prompts"), PromptBankView, devUser);

/** Opens the tab at the Progress map as a demo person and waits until the view shows its data (or an error). */
async function openScene(page: Page, devUser: string, query = ""): Promise<void> {
  await page.goto(`${server.baseUrl}/?devUser=${devUser}${query}#/practices`);
  await page.locator("#practices-heading").waitFor({ timeout: 20_000 });
  await page
    .locator("[data-testid=progress-map], [data-testid=responses], [data-testid=prompts], .fui-MessageBar")
    .or(page.getByText("You're not piloting a practice"))
    .first()
    .waitFor({ timeout: 20_000 });
}

/** The map's cell for a priority (row header) and a stage (column), found through the table's own semantics. */
function cell(page: Page, rowLabel: string, stage: (typeof PRACTICE_STAGES)[number]): Locator {
  return page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: rowLabel, exact: true }) })
    .getByRole("cell")
    .nth(PRACTICE_STAGES.indexOf(stage));
}

const card = (scope: Page | Locator, name: string) => scope.getByRole("article", { name, exact: true });
const active = (page: Page) =>
  page.evaluate(() => ({ label: document.activeElement?.getAttribute("aria-label") ?? "", text: document.activeElement?.textContent ?? "", stage: document.activeElement?.closest("article")?.getAttribute("data-stage") ?? "" }));

/** Presses Tab until the focused element's accessible label is `label` (keyboard only, as a person would). */
async function tabTo(page: Page, label: string, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await active(page)).label === label) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached “${label}”`);
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

describe("Progress map", () => {
  it("renders the demo practices in their priority's row and their stage's column, with pilots, evidence and progress", async () => {
    const map = await mapAs(JONAS);
    expect(map.practices.map((p) => p.id).sort()).toEqual(["prc-demo-1", "prc-demo-2", "prc-demo-3", "prc-demo-4", "prc-demo-5", "prc-demo-6"]);
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, JONAS);
    await expect(page.getByRole("navigation").getByRole("link").allInnerTexts()).resolves.toEqual(["Library", "Progress map", "Sessions", "Buddies", "Insights", "Charter"]);
    await expect(page.getByRole("link", { name: "Progress map" }).getAttribute("aria-current")).resolves.toBe("page");

    const table = page.getByRole("table");
    await expect(table.getByRole("rowheader").allInnerTexts()).resolves.toEqual(map.priorities.map((p) => p.label));
    const headers = await table.getByRole("columnheader").allInnerTexts();
    expect(headers).toHaveLength(5);
    map.stages.forEach((s, i) => {
      expect(headers[i + 1]).toContain(s.label);
      expect(headers[i + 1]).toContain(s.rule);
    });

    await expect(page.getByRole("article").count()).resolves.toBe(6);
    for (const practice of map.practices) {
      const row = map.priorities.find((p) => p.id === practice.priority)!.label;
      const here = card(cell(page, row, practice.stage), practice.name);
      await expect(here.count()).resolves.toBe(1);
      const text = await here.innerText();
      expect(text).toContain(practice.activePilots > 0 ? `${practice.activePilots} piloting` : "No one piloting now");
      if (practice.next) expect(text).toContain(practice.next.progress);
    }
    const five = card(page, "Report-owned 1:1 agendas");
    await expect(five.getByTestId("evidence").innerText()).resolves.toBe("It worked: My reports bring the hard topics first. — Priya Raman");
    await expect(five.getByTestId("progress").innerText()).resolves.toBe("Next, Adopted: 1 of 2 managers reported it worked");
    await expect(card(page, "Speak last in team discussions").getByTestId("progress").innerText()).resolves.toBe("A habit: the last stage.");
    // A practice ready to move says so.
    await expect(card(page, "Written decision logs for team-wide changes").innerText()).resolves.toContain("Ready for Adopted");

    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a facilitator moves a practice from Concept to Piloting with the keyboard alone; focus comes back to the card and the timeline shows why", async () => {
    const name = "Monthly 'what I got wrong' share";
    const reason = "Olivia has committed to a pilot; two more managers asked to try it.";
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, JONAS);

    await tabTo(page, `Move ${name}`);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menuitem").allInnerTexts()).resolves.toEqual(["Forward to Piloting"]); // only a neighbouring stage
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect(dialog.getByRole("heading").first().innerText()).resolves.toBe(`Move “${name}” to Piloting`);
    await expect(dialog.getByTestId("move-rule").innerText()).resolves.toContain("At least one manager has committed to try it");
    await expect(dialog.getByTestId("move-rule").innerText()).resolves.toContain("So far: 1 of 1 manager committed to a pilot.");
    expect(describeViolations(await runAxe(page))).toBe("");
    // Focus starts in the reason; type it, then Tab to Move and press Enter.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("TEXTAREA");
    await page.keyboard.type(reason);
    await page.keyboard.press("Tab");
    await expect(active(page).then((a) => a.text)).resolves.toBe("Move");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });

    await card(cell(page, "Psychological safety", "piloting"), name).waitFor();
    await expect(card(cell(page, "Psychological safety", "concept"), name).count()).resolves.toBe(0);
    await eventually(() => active(page), { label: `Move ${name}`, text: "Move", stage: "piloting" });
    await page.locator(".fui-Toast").getByText(`“${name}” moved to Piloting.`).waitFor();

    expect((await practiceAs(JONAS, "prc-demo-6")).stage).toBe("piloting");
    const timeline = await timelineAs(JONAS, "prc-demo-6");
    const move = timeline.events.find((e) => e.kind === "move");
    expect(move).toMatchObject({ kind: "move", from: "concept", to: "piloting", reason, byName: "Jonas Weber" });

    // The timeline, still by keyboard: Shift+Tab to the practice's name, Enter.
    await page.keyboard.press("Shift+Tab");
    await expect(active(page).then((a) => a.text)).resolves.toBe(name);
    await page.keyboard.press("Enter");
    const panel = page.getByRole("dialog");
    const events = panel.getByTestId("timeline-events");
    await events.waitFor();
    const items = await events.locator(":scope > li").allInnerTexts();
    expect(items[0]).toContain("Added by");
    const moveItem = items.find((t) => t.includes("moved it from Concept to Piloting"));
    expect(moveItem).toContain(`Why: ${reason}`);
    expect(moveItem).toContain("Evidence then: 1 manager piloting");
    expect(new URL(page.url()).searchParams.get("practice")).toBe("prc-demo-6");
    await screenshot(page, "progress-map-timeline.png");
    expect(describeViolations(await runAxe(page))).toBe("");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    await eventually(() => active(page).then((a) => a.text), name);
    expect(new URL(page.url()).searchParams.get("practice")).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a facilitator moves a practice from Piloting to Adopted by dragging its card", async () => {
    const name = "Written decision logs for team-wide changes";
    const reason = "Jonas and Lucas both reported that it worked.";
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, JONAS);

    const from = card(cell(page, "Inclusive decisions", "piloting"), name);
    await expect(from.getAttribute("draggable")).resolves.toBe("true");
    await from.dragTo(cell(page, "Inclusive decisions", "adopted"));
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect(dialog.getByRole("heading").first().innerText()).resolves.toBe(`Move “${name}” to Adopted`);
    await expect(dialog.getByTestId("move-rule").innerText()).resolves.toContain("At least 2 managers reported at check-back that it worked.");
    // Move stays unavailable until there is a reason.
    await expect(dialog.getByRole("button", { name: "Move" }).getAttribute("aria-disabled")).resolves.toBe("true");
    await dialog.getByLabel("Why it moves").fill(reason);
    await dialog.getByRole("button", { name: "Move" }).click();
    await dialog.waitFor({ state: "detached" });
    await card(cell(page, "Inclusive decisions", "adopted"), name).waitFor();

    const moved = await practiceAs(JONAS, "prc-demo-4");
    expect(moved.stage).toBe("adopted");
    expect(moved.latestEvidence).toMatchObject({ kind: "move", to: "adopted", reason });
    await expect(card(page, name).getByTestId("evidence").innerText()).resolves.toBe(`Moved to Adopted: ${reason} — Jonas Weber`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a drag to Adopted without the evidence is refused in the dialog, the reason stays typed and the card stays put", async () => {
    const name = "Report-owned 1:1 agendas";
    const reason = "Priya's reports love it.";
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, JONAS);

    await card(cell(page, "Accountability", "piloting"), name).dragTo(cell(page, "Accountability", "adopted"));
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("Why it moves").fill(reason);
    await dialog.getByRole("button", { name: "Move" }).click();
    const refusal = dialog.locator(".fui-MessageBar");
    await refusal.waitFor();

    // The server's own words, shown as they are.
    const { status, body } = await apiSend(server, "POST", api("/practices/prc-demo-5/move"), JONAS, { to: "adopted", reason });
    expect(status).toBe(400);
    const message = (body as { error: { message: string; field: string } }).error;
    expect(message.field).toBe("to");
    await expect(refusal.innerText()).resolves.toBe(message.message);
    expect(message.message).toContain("1 of 2 managers reported it worked");
    await expect(dialog.getByLabel("Why it moves").inputValue()).resolves.toBe(reason);
    await screenshot(page, "progress-map-move-refused.png");
    expect(describeViolations(await runAxe(page))).toBe("");

    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect(card(cell(page, "Accountability", "piloting"), name).count()).resolves.toBe(1);
    await eventually(() => active(page), { label: `Move ${name}`, text: "Move", stage: "piloting" });
    expect((await practiceAs(JONAS, "prc-demo-5")).stage).toBe("piloting");
    // The refused request showed in the console as a failed fetch; nothing else went wrong.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.context().close();
  });

  it("“My pilots” shows only Priya's practices; she starts a pilot and the card says when she checks back", async () => {
    const before = await mapAs(PRIYA);
    const mine = before.practices.filter((p) => p.myPilot).map((p) => p.name);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(before.practices.length);

    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, PRIYA);
    // Members have no move controls.
    await expect(page.getByRole("button", { name: /^Move / }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "My pilots" }).click();
    await expect(page.getByRole("button", { name: "My pilots" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(page.getByRole("article").evaluateAll((els) => els.map((el) => el.getAttribute("aria-labelledby") && document.getElementById(el.getAttribute("aria-labelledby")!)?.textContent))).resolves.toEqual(
      expect.arrayContaining(mine),
    );
    await expect(page.getByRole("article").count()).resolves.toBe(mine.length);
    await page.getByRole("button", { name: "My pilots" }).click();
    await expect(page.getByRole("article").count()).resolves.toBe(before.practices.length);

    const name = "Monthly 'what I got wrong' share";
    await page.getByRole("button", { name: `Start a pilot: ${name}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const startOn = await dialog.getByLabel("Start date").inputValue();
    const checkBackOn = await dialog.getByLabel("Check-back date").inputValue();
    const fourWeeks = new Date(`${startOn}T00:00:00Z`);
    fourWeeks.setUTCDate(fourWeeks.getUTCDate() + 28);
    expect(checkBackOn).toBe(fourWeeks.toISOString().slice(0, 10));
    await dialog.getByLabel("What I'll try").fill("Share one mistake at our Thursday stand-up each month.");
    expect(describeViolations(await runAxe(page))).toBe("");
    await dialog.getByRole("button", { name: "Start the pilot" }).click();
    await dialog.waitFor({ state: "detached" });

    const shown = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(fourWeeks);
    await expect(card(page, name).getByTestId("my-pilot").innerText()).resolves.toBe(`You're piloting this — check back on ${shown}`);
    const after = await practiceAs(PRIYA, "prc-demo-6");
    expect(after.myPilot).toMatchObject({ status: "active", startOn, checkBackOn, commitment: "Share one mistake at our Thursday stand-up each month." });
    await eventually(() => card(page, name).innerText().then((t) => t.includes(`${after.activePilots} piloting`)), true);

    await page.getByRole("button", { name: "My pilots" }).click();
    await expect(page.getByRole("article").count()).resolves.toBe(mine.length + 1);
    await card(page, name).waitFor();

    // Withdrawing asks first, then the card offers a pilot again.
    await page.getByRole("button", { name: "My pilots" }).click();
    await page.getByRole("button", { name: `Withdraw my pilot: ${name}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm.innerText()).resolves.toContain("no longer counts as evidence");
    await confirm.getByRole("button", { name: "Withdraw" }).click();
    await confirm.waitFor({ state: "detached" });
    await card(page, name).getByRole("button", { name: /^(Start a pilot|Pilot again): / }).waitFor();
    await expect(card(page, name).getByTestId("my-pilot").filter({ hasText: "You're piloting this" }).count()).resolves.toBe(0);
    expect((await practiceAs(PRIYA, "prc-demo-6")).myPilot?.status ?? "none").not.toBe("active");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a sponsor sees the map but no move, pilot or add controls, and an empty “My pilots”", async () => {
    const map = await mapAs(GRACE);
    expect(map.can).toEqual({ manage: false, pilot: false, editRules: false });
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, GRACE);
    await expect(page.getByRole("article").count()).resolves.toBe(map.practices.length);
    await expect(page.getByRole("button", { name: /^Move / }).count()).resolves.toBe(0);
    await expect(page.locator("article[draggable=true]").count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /^Start a pilot/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Add practice" }).count()).resolves.toBe(0);
    await expect(page.getByText("To move a practice, drag its card").count()).resolves.toBe(0);

    await page.getByRole("button", { name: "My pilots" }).click();
    await page.getByText("You're not piloting a practice").waitFor();
    await page.getByRole("button", { name: "Show all practices" }).click();
    await expect(page.getByRole("article").count()).resolves.toBe(map.practices.length);

    // Sponsors read reflections and prompts; they answer, promote and edit nothing.
    await page.getByRole("tab", { name: "Reflections" }).click();
    await page.getByTestId("responses").waitFor();
    await expect(page.getByRole("button", { name: /^(Share my answer|Add to library)/ }).count()).resolves.toBe(0);
    await expect(page.getByRole("textbox").count()).resolves.toBe(0);
    await page.getByRole("tab", { name: "Prompt bank" }).click();
    await page.getByTestId("prompts").waitFor();
    await expect(page.getByRole("button", { name: /^(Add prompt|Retire|Edit|Post now|Save the cadence)/ }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("Managing the map", () => {
  it("a facilitator adds a practice: it lands in its priority's row as a concept", async () => {
    const name = "Open the floor before closing a decision";
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, JONAS);
    await page.getByRole("button", { name: "Add practice" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Description").fill("Before a decision is final, the manager asks who sees it differently and waits.");
    await dialog.getByLabel("Cultural priority").selectOption({ label: "Feedback" });
    expect(describeViolations(await runAxe(page))).toBe("");
    await dialog.getByRole("button", { name: "Add practice" }).click();
    await dialog.waitFor({ state: "detached" });
    await card(cell(page, "Feedback", "concept"), name).waitFor();
    const added = (await mapAs(JONAS)).practices.find((p) => p.name === name)!;
    expect(added).toMatchObject({ stage: "concept", priority: "feedback", activePilots: 0 });
    await eventually(() => active(page).then((a) => a.text), name);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a lead changes the evidence rules and the Adopted column says the new rule", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, "aad-user-amara");
    await page.getByRole("button", { name: "Evidence rules" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Adopted: managers who reported it worked").fill("3");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("columnheader", { name: /Adopted/ }).getByText("At least 3 managers reported at check-back that it worked.").waitFor();
    expect((await mapAs(JONAS)).rules.adoptedMinReports).toBe(3);
    expect((await apiSend(server, "PUT", api("/practice-rules"), "aad-user-amara", { adoptedMinReports: 2 })).status).toBe(200);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("Reflections", () => {
  it("the feed shows the demo answers, an anonymous one without a name, and Priya answers a posting", async () => {
    const feed = await feedAs(PRIYA);
    const anonymous = feed.items.find((r) => r.anonymous)!;
    expect(anonymous.author).toBeNull();
    const named = feed.items.find((r) => r.author && r.prompt.kind !== "reflective")!;
    const open = feed.postings.find((p) => !p.myResponse)!;
    expect(open).toBeDefined();

    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, PRIYA, "&practices=reflections");
    await expect(page.getByRole("tab", { name: "Reflections" }).getAttribute("aria-selected")).resolves.toBe("true");
    const responses = page.getByRole("list", { name: "Responses" });
    await expect(responses.locator(":scope > li").count()).resolves.toBe(feed.items.length);
    // Newest first, as the server orders them.
    await expect(responses.locator("article").evaluateAll((els) => els.map((el) => el.getAttribute("data-response-id")))).resolves.toEqual(feed.items.map((r) => r.id));
    const namedCard = responses.locator(`article[data-response-id="${named.id}"]`);
    await expect(namedCard.innerText()).resolves.toContain(named.author!.displayName);
    await expect(namedCard.innerText()).resolves.toContain(named.answer);
    const anonymousCard = responses.locator(`article[data-response-id="${anonymous.id}"]`);
    const anonymousText = await anonymousCard.innerText();
    expect(anonymousText).toContain("Shared without a name");
    expect(anonymousText).toContain(anonymous.answer);
    expect(anonymousText).not.toMatch(/Noah/);
    // Members don't promote.
    await expect(page.getByRole("button", { name: /^Add to library/ }).count()).resolves.toBe(0);
    // Priya answered the reflective posting already: her three parts show, with Edit.
    const answered = feed.postings.find((p) => p.myResponse)!;
    await expect(page.locator(`article[data-posting-id="${answered.id}"]`).getByTestId("my-answer").innerText()).resolves.toContain(answered.myResponse!.happened);

    const posting = page.getByRole("article", { name: open.text });
    const text = "The support team stayed late to close the backlog; I thanked them at Monday's stand-up.";
    if (open.kind === "reflective") {
      await posting.getByLabel("What happened").fill(text);
    } else {
      await posting.getByLabel("Your answer").fill(text);
    }
    expect(describeViolations(await runAxe(page))).toBe("");
    await posting.getByRole("button", { name: "Share my answer" }).click();
    await posting.getByTestId("my-answer").waitFor();
    await expect(posting.getByTestId("my-answer").innerText()).resolves.toContain(text);
    const after = await feedAs(PRIYA);
    const mine = after.postings.find((p) => p.id === open.id)!.myResponse!;
    expect(mine).toMatchObject({ mine: true, anonymous: false, author: { userId: PRIYA } });
    expect(open.kind === "reflective" ? mine.happened : mine.answer).toBe(text);
    await expect(responses.locator("article").first().getAttribute("data-response-id")).resolves.toBe(mine.id);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a facilitator adds a response to the library: a toast links to the new item, the response says so, and the library has it", async () => {
    const feed = await feedAs(JONAS);
    const response = feed.items.find((r) => r.author && !r.promotedArtifactId && r.can.promote)!;
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, JONAS, "&practices=reflections");
    const item = page.locator(`article[data-response-id="${response.id}"]`);
    await item.getByRole("button", { name: `Add to library: ${response.author!.displayName}'s answer` }).click();
    const inLibrary = item.getByRole("link", { name: "In the library" });
    await inLibrary.waitFor();
    // The link takes the focus of the button it replaced.
    await eventually(() => inLibrary.evaluate((el) => el === document.activeElement), true);

    const promoted = (await feedAs(JONAS)).items.find((r) => r.id === response.id)!;
    expect(promoted.promotedArtifactId).toBeTruthy();
    const artifactId = promoted.promotedArtifactId!;
    const artifact = await apiGet(server, api(`/artifacts/${artifactId}?track=false`), ArtifactResponse, JONAS);
    expect(artifact.source).toMatchObject({ kind: "prompt-response", responseId: response.id });

    const toastLink = page.locator(".fui-Toast").getByRole("link", { name: "Open it" });
    await toastLink.waitFor();
    const href = new URL((await toastLink.getAttribute("href"))!, server.baseUrl);
    expect(href.hash).toBe("#/library");
    expect(href.searchParams.get("item")).toBe(artifactId);
    expect(href.searchParams.get("practices")).toBeNull();
    await expect(inLibrary.getAttribute("href")).resolves.toBe(await toastLink.getAttribute("href"));

    await inLibrary.click();
    await eventually(() => page.locator("#item-heading").innerText().catch(() => ""), artifact.title);
    await expect(page.getByRole("link", { name: "Library" }).getAttribute("aria-current")).resolves.toBe("page");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("Prompt bank", () => {
  it("a facilitator adds a prompt, retires it and undoes that; everyone sees when the next prompt goes out", async () => {
    const text = "What did you stop doing this month so your team could start something?";
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, JONAS, "&practices=prompts");
    const bank = await bankAs(JONAS);
    await expect(page.getByTestId("prompts").locator(":scope > li").count()).resolves.toBe(bank.prompts.length);
    if (bank.nextPostAt) await expect(page.getByTestId("next-post").innerText()).resolves.toContain("The next prompt goes out");

    await page.getByRole("button", { name: "Add prompt" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("radio", { name: "Weekly question" }).check();
    await dialog.getByLabel("Prompt").fill(text);
    await dialog.getByLabel("Value").selectOption("Responsibility");
    expect(describeViolations(await runAxe(page))).toBe("");
    await dialog.getByRole("button", { name: "Add prompt" }).click();
    await dialog.waitFor({ state: "detached" });
    const added = page.getByRole("article", { name: text });
    await added.waitFor();
    const created = (await bankAs(JONAS)).prompts.find((p) => p.text === text)!;
    expect(created).toMatchObject({ kind: "weekly-question", value: "Responsibility", active: true, timesPosted: 0 });

    await added.getByRole("button", { name: `Retire: ${text}` }).click();
    const toast = page.locator(".fui-Toast").filter({ hasText: `Retired “${text}”` });
    await toast.waitFor();
    await added.getByText("Retired", { exact: true }).waitFor();
    await eventually(async () => (await bankAs(JONAS)).prompts.find((p) => p.id === created.id)!.active, false);

    await toast.getByRole("button", { name: "Undo" }).click();
    await added.getByRole("button", { name: `Retire: ${text}` }).waitFor();
    await eventually(async () => (await bankAs(JONAS)).prompts.find((p) => p.id === created.id)!.active, true);
    await expect(added.getByText("Retired", { exact: true }).count()).resolves.toBe(0);

    // Post now asks first (it messages everyone), then the posting is in the feed.
    await added.getByRole("button", { name: `Post now: ${text}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm.innerText()).resolves.toContain("goes to everyone in the community");
    await confirm.getByRole("button", { name: "Post now" }).click();
    await confirm.waitFor({ state: "detached" });
    await added.getByText("Posted 1 time").waitFor();
    expect((await bankAs(JONAS)).prompts.find((p) => p.id === created.id)!.timesPosted).toBe(1);
    expect((await feedAs(JONAS)).postings.map((p) => p.text)).toContain(text);

    // The cadence: Friday at 09:30, and the next post time follows.
    const cadence = page.getByRole("form", { name: "Weekly prompt" });
    await cadence.getByLabel("Day").selectOption({ label: "Friday" });
    await cadence.getByLabel("Time").fill("09:30");
    await cadence.getByRole("button", { name: "Save the cadence" }).click();
    await eventually(async () => (await bankAs(JONAS)).settings, { enabled: true, weekday: 5, time: "09:30" });
    const next = (await bankAs(JONAS)).nextPostAt!;
    const shown = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short", timeZone: "UTC" }).format(new Date(next));
    await eventually(() => page.getByTestId("next-post").innerText().then((t) => t.includes(shown)), true);
    expect(shown).toMatch(/^Fri/);
    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();

    // A member reads the bank and the cadence, and edits nothing.
    const member = await openPage(browser);
    await openScene(member, PRIYA, "&practices=prompts");
    await member.getByRole("article", { name: text }).waitFor();
    await expect(member.getByRole("button", { name: /^(Add prompt|Retire|Edit|Post now)/ }).count()).resolves.toBe(0);
    await expect(member.getByTestId("next-post").count()).resolves.toBe(1);
    await member.context().close();
  });
});

describe("Themes and accessibility", () => {
  it.each([
    ["default", "light"],
    ["dark", "dark"],
    ["contrast", "contrast"],
  ] as const)("every view reads in the %s theme, with no serious accessibility issues; the map is kept as a screenshot", async (theme, name) => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await openScene(page, JONAS, `&theme=${theme}`);
    await expectTheme(page, theme);
    await page.getByTestId("progress-map").waitFor();
    const path = await screenshot(page, `progress-map-${name}.png`, { fullPage: true });
    expect(path).toMatch(/progress-map-(light|dark|contrast)\.png$/);
    expect(describeViolations(await runAxe(page))).toBe("");

    await page.getByRole("tab", { name: "Reflections" }).click();
    await page.getByTestId("responses").waitFor();
    expect(new URL(page.url()).searchParams.get("practices")).toBe("reflections");
    await screenshot(page, `progress-reflections-${name}.png`);
    expect(describeViolations(await runAxe(page))).toBe("");

    await page.getByRole("tab", { name: "Prompt bank" }).click();
    await page.getByTestId("prompts").waitFor();
    await screenshot(page, `progress-prompts-${name}.png`);
    expect(describeViolations(await runAxe(page))).toBe("");

    // A member's map (pilot buttons, no move controls) too.
    const member = await openPage(browser);
    await openScene(member, PRIYA, `&theme=${theme}`);
    expect(describeViolations(await runAxe(member))).toBe("");
    await member.context().close();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
