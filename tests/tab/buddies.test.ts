/**
 * The Buddies scene in real Chromium against the real server (seeded demo community): a
 * facilitator proposes a round, swaps two people by keyboard and publishes it; a member
 * then sees their buddy, sprint and check-in; opt-out, snooze and the private don't-pair
 * list save (and the list stays private); circles say they are confidential; themes and
 * accessibility.
 */
import { type Browser, type Page } from "playwright-core";
import { BuddiesOverview, type BuddyRoundView } from "../../bot/src/contracts";
import { describeViolations, launchBrowser, openPage, runAxe, screenshot, watchErrors } from "../support/browser";
import { startServer } from "../support/server";
import { ensureTabBuilt } from "../support/tabBuild";
import { apiGet, apiSend, backgroundLuminance, eventually } from "./helpers";

const COMMUNITY = "com-demo";
const AMARA = "aad-user-amara"; // lead
const JONAS = "aad-user-jonas"; // facilitator
const PRIYA = "aad-user-priya"; // member
const LUCAS = "aad-user-lucas";
const NOAH = "aad-user-noah";
const OLIVIA = "aad-user-olivia";

let server: { baseUrl: string; close(): Promise<void> };
let browser: Browser;

const path = (rest = "") => `/api/communities/${COMMUNITY}/buddies${rest}`;
const overviewAs = (devUser: string) => apiGet(server, path(), BuddiesOverview, devUser);
const groupOf = (round: Pick<BuddyRoundView, "groups">, userId: string) => round.groups.findIndex((g) => g.members.some((m) => m.userId === userId));

/** Opens the tab at the Buddies scene as a demo person and waits for the overview (or an error). */
async function openBuddies(page: Page, devUser: string, query = ""): Promise<void> {
  await page.goto(`${server.baseUrl}/?devUser=${devUser}${query}#/buddies`);
  await page.locator("#buddies-heading").waitFor({ timeout: 20_000 });
  await page.getByRole("tab", { name: "My buddy" }).waitFor({ timeout: 20_000 });
  await page.locator("[data-testid=my-buddy], [data-testid=no-buddy], [data-testid=draft], .fui-MessageBar, ol[aria-label='Past rounds'], ul[aria-label='My circles'], [data-testid=avoid]").or(page.getByText("No round in review")).first().waitFor({ timeout: 20_000 });
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

describe("Buddies: the round a facilitator reviews", () => {
  let published: BuddyRoundView;

  it("a facilitator proposes a round, swaps two people by keyboard (menu, then select-and-swap) and publishes", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openBuddies(page, JONAS, "&buddies=round");
    await expect(page.getByRole("link", { name: "Buddies" }).getAttribute("aria-current")).resolves.toBe("page");

    await page.getByRole("button", { name: "Propose a round" }).click();
    const draftSection = page.getByTestId("draft");
    await draftSection.waitFor();
    const draft = (await overviewAs(JONAS)).draft!;
    expect(draft.status).toBe("draft");
    const shown = await draftSection.getByRole("list", { name: "Proposed groups" }).locator(":scope > li").evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll("li[data-user-id]")].map((li) => li.getAttribute("data-user-id"))),
    );
    expect(shown).toEqual(draft.groups.map((g) => g.members.map((m) => m.userId)));
    await expect(draftSection.getByTestId("draft-share").textContent()).resolves.toContain(`${Math.round(draft.crossDepartmentShare * 100)}% of groups mix departments`);
    await expect(draftSection.innerText()).resolves.toContain(draft.groups[0]!.reasons[0]!);
    await screenshot(page, "buddies-draft.png");
    expect(describeViolations(await runAxe(page))).toBe("");

    // Keyboard: "Swap A with…", arrow down to B, Enter.
    const a = draft.groups[0]!.members[0]!;
    const b = draft.groups[1]!.members[0]!;
    await page.getByRole("button", { name: `${a.displayName}: swap with…` }).focus();
    await page.keyboard.press("Enter");
    const items = await page.getByRole("menuitem").allInnerTexts();
    const target = items.findIndex((t) => t.startsWith(b.displayName));
    expect(target).toBeGreaterThanOrEqual(0);
    expect(items.some((t) => t.startsWith(draft.groups[0]!.members[1]!.displayName))).toBe(false); // not my own group
    for (let i = 0; i < target; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.locator(".fui-ToastTitle").getByText(`Swapped ${a.displayName} and ${b.displayName}.`).waitFor();
    const swapped = (await overviewAs(JONAS)).draft!;
    expect(groupOf(swapped, a.userId)).toBe(1);
    expect(groupOf(swapped, b.userId)).toBe(0);
    await expect(draftSection.locator(`li[data-group-id="${swapped.groups[1]!.id}"] li[data-user-id="${a.userId}"]`).count()).resolves.toBe(1);

    // Keyboard again, the other way: select B, then "Swap here" on A.
    await page.getByRole("button", { name: `Select ${b.displayName} to swap` }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("swap-selected").waitFor();
    await page.getByRole("button", { name: `Swap here: ${a.displayName} with ${b.displayName}` }).focus();
    await page.keyboard.press("Enter");
    await page.locator(".fui-ToastTitle").getByText(`Swapped ${b.displayName} and ${a.displayName}.`).waitFor();
    const back = (await overviewAs(JONAS)).draft!;
    expect(back.groups.map((g) => g.members.map((m) => m.userId).sort())).toEqual(draft.groups.map((g) => g.members.map((m) => m.userId).sort()));

    // Publish, after saying how many cards go out.
    const people = back.groups.reduce((n, g) => n + g.members.length, 0);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.innerText()).resolves.toContain(`Each of ${people} people gets an introduction card`);
    expect(describeViolations(await runAxe(page))).toBe("");
    await dialog.getByRole("button", { name: "Publish" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("No round in review").waitFor();
    const after = await overviewAs(JONAS);
    expect(after.draft).toBeNull();
    expect(after.history[0]!.id).toBe(back.id);
    published = back;
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a member then sees their buddy, why, the sprint with “you are here”, a chat link, and sends a check-in", async () => {
    expect(published).toBeDefined();
    const mine = await overviewAs(PRIYA);
    expect(mine.current?.roundId).toBe(published.id);
    const buddies = mine.current!.group.members.filter((m) => m.userId !== PRIYA);

    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openBuddies(page, PRIYA);
    const card = page.getByTestId("my-buddy");
    await card.waitFor();
    const text = await card.innerText();
    for (const b of buddies) {
      expect(text).toContain(b.displayName);
      expect(text).toContain(b.department);
    }
    for (const reason of mine.current!.group.reasons) expect(text).toContain(reason);
    const here = card.getByTestId("sprint").locator("li[aria-current=step]");
    await expect(here.count()).resolves.toBe(1);
    await expect(here.innerText()).resolves.toContain("you are here");
    const message = card.getByRole("link", { name: /^Message / });
    if (mine.current!.chatLink) await expect(message.getAttribute("href")).resolves.toBe(mine.current!.chatLink);
    await expect(message.getAttribute("target")).resolves.toBe("_blank");
    // Members don't review rounds.
    await expect(page.getByRole("tab", { name: "Round review" }).count()).resolves.toBe(0);
    await screenshot(page, "buddies-mine.png");
    expect(describeViolations(await runAxe(page))).toBe("");

    const form = page.getByRole("form", { name: "Mid-sprint check-in" });
    await form.getByRole("checkbox", { name: "Observe" }).check();
    await form.getByLabel("What happened").fill("Sat in on my buddy's stand-up; noticed how it closes with owners.");
    await form.getByRole("button", { name: "Send check-in" }).click();
    await page.getByTestId("my-reflections").waitFor();
    const stored = (await overviewAs(PRIYA)).current!.reflections;
    expect(stored).toEqual([expect.objectContaining({ kind: "mid", stepsDone: ["observe"], text: "Sat in on my buddy's stand-up; noticed how it closes with owners." })]);
    await expect(page.getByTestId("my-reflections").innerText()).resolves.toContain("Steps done: observe");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a facilitator changes the round settings", async () => {
    const page = await openPage(browser);
    await openBuddies(page, AMARA, "&buddies=round");
    await page.getByRole("button", { name: "Change settings" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Rounds before a pair may repeat").fill("4");
    await dialog.getByLabel("Sprint length in days").fill("21");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect(page.getByTestId("round-settings").textContent()).resolves.toBe("A pair doesn't repeat within 4 rounds; a sprint lasts 21 days.");
    expect((await overviewAs(AMARA)).settings).toEqual({ noRepeatRounds: 4, sprintDays: 21 });
    await page.context().close();
  });
});

describe("Buddies: my preferences, history and circles", () => {
  it("snooze and opt-out save, and My buddy says why there is no buddy", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openBuddies(page, LUCAS, "&buddies=preferences");
    await page.getByLabel("Snooze until").fill("2026-12-31");
    await page.getByRole("button", { name: "Snooze", exact: true }).click();
    await eventually(async () => (await overviewAs(LUCAS)).preferences.snoozeUntil, "2026-12-31");
    await expect(page.getByTestId("snooze-state").textContent()).resolves.toContain("Snoozed until");

    await page.getByRole("switch", { name: "Include me in buddy rounds" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByRole("heading").textContent()).resolves.toBe("Opt out of buddy rounds?");
    await dialog.getByRole("button", { name: "Opt out" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await overviewAs(LUCAS)).preferences.optedOut).toBe(true);
    await page.getByRole("switch", { name: "You're opted out of buddy rounds" }).waitFor();
    expect(describeViolations(await runAxe(page))).toBe("");

    // Lucas has no current sprint if the new round did not pair him; either way opted out is said.
    await page.getByRole("tab", { name: "My buddy" }).click();
    const overview = await overviewAs(LUCAS);
    if (!overview.current) await expect(page.getByTestId("no-buddy").innerText()).resolves.toContain("You've opted out of buddy rounds");

    await page.getByRole("tab", { name: "My preferences" }).click();
    await page.getByRole("switch", { name: "You're opted out of buddy rounds" }).click();
    await eventually(async () => (await overviewAs(LUCAS)).preferences.optedOut, false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the don't-pair list saves, says it is private, and no one else's overview carries it", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openBuddies(page, NOAH, "&buddies=preferences");
    const section = page.getByTestId("avoid");
    await expect(section.innerText()).resolves.toContain("only you see this list");
    await section.getByLabel("Add someone").selectOption({ label: "Olivia Novak" });
    await section.getByRole("button", { name: "Add" }).click();
    await section.getByRole("list", { name: "People I'm not paired with" }).getByText("Olivia Novak").waitFor();
    const mine = await overviewAs(NOAH);
    expect(mine.preferences.avoidPairingWith.map((p) => p.userId)).toEqual([OLIVIA]);
    await screenshot(page, "buddies-preferences.png");
    expect(describeViolations(await runAxe(page))).toBe("");

    // Nobody else, not the lead, the facilitator or Olivia herself, gets Noah's list.
    for (const other of [AMARA, JONAS, OLIVIA, PRIYA]) {
      const response = await fetch(`${server.baseUrl}${path()}`, { headers: { "X-Dev-User": other } });
      const body = (await response.json()) as BuddiesOverview;
      expect(body.preferences.avoidPairingWith).toEqual([]);
      const json = JSON.stringify(body);
      expect(json).not.toContain('"avoidPairingWith":[{');
      expect(json).not.toMatch(/asked not to|don't pair|not be paired/i);
    }
    // A new proposal keeps them apart.
    const { body } = await apiSend(server, "POST", path("/rounds"), AMARA, {});
    const round = (body as { round: BuddyRoundView }).round;
    if (groupOf(round, NOAH) >= 0) expect(groupOf(round, NOAH)).not.toBe(groupOf(round, OLIVIA));
    expect((await apiSend(server, "POST", path(`/rounds/${round.id}/discard`), AMARA)).status).toBe(204);

    await section.getByRole("button", { name: "Remove Olivia Novak" }).click();
    await eventually(async () => (await overviewAs(NOAH)).preferences.avoidPairingWith.length, 0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("history lists the rounds with the groups visible to me", async () => {
    const overview = await overviewAs(PRIYA);
    const page = await openPage(browser);
    await openBuddies(page, PRIYA, "&buddies=history");
    const rounds = page.getByRole("list", { name: "Past rounds" }).locator(":scope > li");
    await expect(rounds.count()).resolves.toBe(overview.history.length);
    const first = await rounds.first().innerText();
    expect(first).toContain(`${Math.round(overview.history[0]!.crossDepartmentShare * 100)}% of groups mixed departments`);
    for (const m of overview.history[0]!.groups[0]!.members) expect(first).toContain(m.displayName);
    expect(describeViolations(await runAxe(page))).toBe("");
    await page.context().close();
  });

  it("my circles show members and accountability pairs, and say they are confidential", async () => {
    const overview = await overviewAs(PRIYA);
    const page = await openPage(browser);
    await openBuddies(page, PRIYA, "&buddies=circles");
    const list = page.getByRole("list", { name: "My circles" });
    await list.waitFor();
    await expect(page.getByText(/Circles are confidential/).count()).resolves.toBe(1);
    const circle = overview.circles[0]!;
    const text = await list.innerText();
    for (const m of circle.members) expect(text).toContain(m.displayName);
    await expect(list.getByRole("list", { name: `${circle.name}: accountability pairs` }).getByRole("listitem").count()).resolves.toBe(circle.buddyPairs.length);
    await screenshot(page, "buddies-circles.png");
    expect(describeViolations(await runAxe(page))).toBe("");
    await page.context().close();
  });

  it.each(["dark", "contrast"] as const)("renders the %s theme without serious accessibility issues", async (theme) => {
    await apiSend(server, "POST", path("/rounds"), JONAS, {});
    for (const [who, view] of [
      [PRIYA, ""],
      [JONAS, "&buddies=round"],
    ] as const) {
      const page = await openPage(browser);
      const errors = watchErrors(page);
      await openBuddies(page, who, `&theme=${theme}${view}`);
      const luminance = await backgroundLuminance(page);
      if (theme === "contrast") expect(luminance).toBe(0);
      else expect(luminance).toBeLessThan(0.2);
      await screenshot(page, `buddies-${theme}${view ? "-round" : ""}.png`);
      expect(describeViolations(await runAxe(page))).toBe("");
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
