/**
 * The Charter scene in real Chromium against the real server (seeded demo community): the
 * charter as everyone reads it, a lead's edit raising the version (and a stale edit
 * refused in the dialog, then saved on top of the new version or discarded for it), a past
 * version opened from the list, a member's "I've read it",
 * the newcomer path with its links into the library, people and roles (a lead changes a
 * role after a confirmation, the last lead is protected, others only read), the "Your data"
 * slot, and every view in the light, dark and high-contrast themes with axe-core.
 */
import { type Browser, type Page } from "playwright-core";
import { CharterView, CharterVersionView, MembersView, NewcomerView } from "../../bot/src/contracts";
import { describeViolations, launchBrowser, openPage, runAxe, screenshot, watchErrors } from "../support/browser";
import { startServer } from "../support/server";
import { ensureTabBuilt } from "../support/tabBuild";
import { apiGet, apiSend, expectTheme, eventually } from "./helpers";

const COMMUNITY = "com-demo";
const AMARA = "aad-user-amara"; // lead
const PRIYA = "aad-user-priya"; // member
const OLIVIA = "aad-user-olivia"; // member
const GRACE = "aad-user-grace"; // sponsor

let server: { baseUrl: string; close(): Promise<void> };
let browser: Browser;

const api = (rest: string) => `/api/communities/${COMMUNITY}${rest}`;
const charterAs = (devUser: string) => apiGet(server, api("/charter"), CharterView, devUser);
const membersAs = (devUser: string) => apiGet(server, api("/members"), MembersView, devUser);

/** Opens the tab at the Charter scene as a demo person and waits until the view shows its data (or an error). */
async function openScene(page: Page, devUser: string, query = ""): Promise<void> {
  await page.goto(`${server.baseUrl}/?devUser=${devUser}${query}#/charter`);
  await page.locator("#charter-heading").waitFor({ timeout: 20_000 });
  await page.locator("[data-testid=charter], [data-testid=newcomer], [data-testid=people], [role=tabpanel] [data-testid], .fui-MessageBar").first().waitFor({ timeout: 20_000 });
}

const versionText = (page: Page) => page.getByTestId("charter-version").innerText();
/** The focused element's accessible label, or its text. */
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent?.trim() ?? "");

beforeAll(async () => {
  await ensureTabBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Charter", () => {
  it("renders the charter for a member: purpose, norms, priorities, values, cadence and its version, with no edit button", async () => {
    const expected = await charterAs(PRIYA);
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, PRIYA);
    const nav = await page.getByRole("navigation").getByRole("link").allInnerTexts();
    expect(nav).toContain("Charter");
    expect(nav.indexOf("Charter")).toBeGreaterThan(nav.indexOf("Buddies"));
    await expect(page.getByRole("link", { name: "Charter" }).getAttribute("aria-current")).resolves.toBe("page");
    await expect(page.getByRole("tab", { selected: true }).innerText()).resolves.toBe("Charter");

    const charter = page.getByTestId("charter");
    await expect(versionText(page)).resolves.toMatch(/^Version 1, updated .+ by Amara Okafor$/);
    await expect(charter.locator("[data-section=purpose] p").innerText()).resolves.toBe(expected.charter.purpose);
    await expect(charter.locator("[data-section=norms] li").allInnerTexts()).resolves.toEqual(expected.charter.norms);
    await expect(charter.locator("[data-section=priorities] li").allInnerTexts()).resolves.toEqual(expected.charter.culturalPriorities.map((p) => p.label));
    await expect(charter.locator("[data-section=values] li").allInnerTexts()).resolves.toEqual(expected.charter.values);
    await expect(charter.locator("[data-section=cadence] p").innerText()).resolves.toBe(expected.charter.cadence);
    await expect(page.getByRole("button", { name: "Edit the charter" }).count()).resolves.toBe(0);
    await expect(page.getByTestId("ack-count").innerText()).resolves.toMatch(/at least 5 people/);
    await expect(page.getByTestId("versions").locator("li").allInnerTexts()).resolves.toEqual([expect.stringContaining("Version 1 (current)")]);

    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a lead edits the charter in a dialog: the version goes up, the old one stays readable, and a stale edit is refused in place", async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await openScene(page, AMARA);

    await page.getByRole("button", { name: "Edit the charter" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect(dialog.getByRole("heading").first().innerText()).resolves.toBe("Edit the charter (version 1)");
    expect(describeViolations(await runAxe(page))).toBe("");
    const norms = dialog.getByLabel("Norms");
    await norms.fill(`${await norms.inputValue()}\nStart and end on time.`);
    await dialog.getByRole("button", { name: "Add a priority" }).click();
    await dialog.getByRole("textbox", { name: "Priority 5" }).fill("Well-being at work");
    await dialog.getByLabel("What changed (optional)").fill("A norm about time; a well-being priority.");
    await dialog.getByRole("button", { name: "Save as a new version" }).click();
    await dialog.waitFor({ state: "detached" });

    await eventually(async () => (await versionText(page)).startsWith("Version 2, "), true);
    await page.locator(".fui-Toast").getByText("Saved as version 2.").waitFor();
    const saved = await charterAs(AMARA);
    expect(saved.charter.version).toBe(2);
    expect(saved.charter.norms.at(-1)).toBe("Start and end on time.");
    expect(saved.charter.culturalPriorities.at(-1)).toEqual({ id: "well-being-at-work", label: "Well-being at work" });
    // The other priorities kept their ids.
    expect(saved.charter.culturalPriorities.slice(0, 4).map((p) => p.id)).toEqual(["psychological-safety", "inclusive-decisions", "accountability", "feedback"]);
    await expect(page.getByTestId("charter").locator("[data-section=norms] li").last().innerText()).resolves.toBe("Start and end on time.");
    await expect(page.getByTestId("versions").locator("li").count()).resolves.toBe(2);

    // Version 1, opened from the list: the norms as they were, and the address says so.
    await page.getByRole("button", { name: "View version 1" }).click();
    const version = page.getByRole("dialog");
    await version.getByTestId("version-dialog").locator("[data-section=norms] li").first().waitFor();
    const v1 = await apiGet(server, api("/charter/versions/1"), CharterVersionView, AMARA);
    await expect(version.locator("[data-section=norms] li").allInnerTexts()).resolves.toEqual(v1.content.norms);
    expect(new URL(page.url()).searchParams.get("charterVersion")).toBe("1");
    expect(describeViolations(await runAxe(page))).toBe("");
    await version.getByRole("button", { name: "Close" }).click();
    await version.waitFor({ state: "detached" });
    expect(new URL(page.url()).searchParams.get("charterVersion")).toBeNull();

    // Someone saves while the dialog is open: the save is refused with the server's sentence, and nothing typed is lost.
    await page.getByRole("button", { name: "Edit the charter" }).click();
    await dialog.waitFor();
    const { status } = await apiSend(server, "PUT", api("/charter"), AMARA, { baseVersion: 2, goals: [...saved.charter.goals, "Welcome every newcomer within a week."] });
    expect(status).toBe(200);
    await dialog.getByLabel("Cadence").fill("Every Tuesday, 30 minutes.");
    await dialog.getByRole("button", { name: "Save as a new version" }).click();
    const refusal = dialog.locator(".fui-MessageBar");
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toBe(
      "The charter wasn't saved. The charter was changed by Amara Okafor since you opened version 2: it is now at version 3. Reload to see that change, then make yours again.",
    );
    await expect(dialog.getByLabel("Cadence").inputValue()).resolves.toBe("Every Tuesday, 30 minutes.");
    await screenshot(page, "charter-edit-conflict.png");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await charterAs(AMARA)).charter.version).toBe(3);
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await page.context().close();
  });

  it("after an edit conflict the lead's text stays: saved on top of the new version, or discarded for it", async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await openScene(page, AMARA);
    const before = await charterAs(AMARA);
    const opened = before.charter.version;

    // Someone saves while the dialog is open; the lead's Save is refused and the version saved meanwhile is loaded.
    await page.getByRole("button", { name: "Edit the charter" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const theirs = await apiSend(server, "PUT", api("/charter"), AMARA, { baseVersion: opened, decisionRights: [...before.charter.decisionRights, "Sponsors are consulted on budget."], note: "A decision right for sponsors." });
    expect(theirs.status).toBe(200);
    await dialog.getByLabel("Cadence").fill("Every Wednesday, 45 minutes.");
    await dialog.getByLabel("What changed (optional)").fill("A longer Wednesday slot.");
    await dialog.getByRole("button", { name: "Save as a new version" }).click();
    const choice = dialog.getByTestId("charter-conflict");
    await choice.waitFor();
    await expect(choice.getByRole("heading").innerText()).resolves.toBe(`Version ${opened + 1} was saved while you were editing`);
    await expect(choice.innerText()).resolves.toContain("Amara Okafor saved it");
    await expect(choice.innerText()).resolves.toContain("“A decision right for sponsors.”");
    await expect(choice.innerText()).resolves.toContain(`Changed since version ${opened}: Decision rights.`);
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? ""), "charter-conflict");
    // Nothing typed is lost, and saving on the old version again is off until the lead chooses.
    await expect(dialog.getByLabel("Cadence").inputValue()).resolves.toBe("Every Wednesday, 45 minutes.");
    await expect(dialog.getByLabel("What changed (optional)").inputValue()).resolves.toBe("A longer Wednesday slot.");
    await expect(dialog.getByRole("button", { name: "Save as a new version" }).getAttribute("aria-disabled")).resolves.toBe("true");
    expect(describeViolations(await runAxe(page))).toBe("");

    // The second save goes on top of the version saved meanwhile, and succeeds.
    await choice.getByRole("button", { name: `Save mine as version ${opened + 2}` }).click();
    await dialog.waitFor({ state: "detached" });
    await page.locator(".fui-Toast").getByText(`Saved as version ${opened + 2}.`).waitFor();
    await eventually(async () => (await versionText(page)).startsWith(`Version ${opened + 2}, `), true);
    const saved = await charterAs(AMARA);
    expect(saved.charter.version).toBe(opened + 2);
    expect(saved.charter.cadence).toBe("Every Wednesday, 45 minutes.");
    expect(saved.charter.note).toBe("A longer Wednesday slot.");
    // The lead's copy replaced the section changed meanwhile, as the dialog said it would.
    expect(saved.charter.decisionRights).toEqual(before.charter.decisionRights);
    await expect(page.getByTestId("charter").locator("[data-section=cadence] p").innerText()).resolves.toBe("Every Wednesday, 45 minutes.");

    // Or the lead discards their text: the form carries on from the version saved meanwhile.
    await page.getByRole("button", { name: "Edit the charter" }).click();
    await dialog.waitFor();
    expect((await apiSend(server, "PUT", api("/charter"), AMARA, { baseVersion: opened + 2, goals: [...saved.charter.goals, "Pair every newcomer with a buddy."] })).status).toBe(200);
    await dialog.getByLabel("Purpose").fill("Something typed, then thrown away.");
    await dialog.getByRole("button", { name: "Save as a new version" }).click();
    await choice.waitFor();
    await choice.getByRole("button", { name: `Discard mine, load version ${opened + 3}` }).click();
    await choice.waitFor({ state: "detached" });
    await expect(dialog.getByRole("heading").first().innerText()).resolves.toBe(`Edit the charter (version ${opened + 3})`);
    await expect(dialog.getByLabel("Purpose").inputValue()).resolves.toBe(saved.charter.purpose);
    await expect(dialog.getByLabel("Goals").inputValue()).resolves.toContain("Pair every newcomer with a buddy.");
    await expect(dialog.locator(".fui-MessageBar").count()).resolves.toBe(0);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    // The page shows the version the dialog loaded.
    await eventually(async () => (await versionText(page)).startsWith(`Version ${opened + 3}, `), true);
    expect((await charterAs(AMARA)).charter.version).toBe(opened + 3);
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await page.context().close();
  });

  it("a member acknowledges the charter and sees the version they acknowledged", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, PRIYA);
    const current = (await charterAs(PRIYA)).charter.version;
    await page.getByRole("button", { name: "I've read it" }).click();
    await page.getByTestId("acknowledged").waitFor();
    await expect(page.getByTestId("acknowledged").innerText()).resolves.toContain(`You acknowledged version ${current}.`);
    await expect(page.getByRole("button", { name: "I've read it" }).count()).resolves.toBe(0);
    expect((await charterAs(PRIYA)).myAcknowledgedVersion).toBe(current);
    // A sponsor may acknowledge too, but not edit.
    await openScene(page, GRACE);
    await expect(page.getByRole("button", { name: "Edit the charter" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "I've read it" }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the newcomer path shows the charter in brief, how sessions work, three starter items that open in the library, and who to ask", async () => {
    const expected = await apiGet(server, api("/newcomer"), NewcomerView, OLIVIA);
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openScene(page, OLIVIA, "&charter=newcomer");
    const path = page.getByTestId("newcomer");
    await expect(path.getByRole("heading").allInnerTexts()).resolves.toEqual(["1. Our charter in brief", "2. How sessions work", "3. Start with these", "4. Who to ask"]);
    await expect(path.locator("#newcomer-charter ~ ul li").allInnerTexts()).resolves.toEqual(expected.charter.norms);
    expect(expected.charter.norms).toHaveLength(3);
    await expect(path.getByTestId("newcomer-series").locator("li").allInnerTexts()).resolves.toEqual(expected.sessions.series.map((s) => `${s.title}: ${s.when}`));
    await expect(path.getByTestId("contacts").locator("li").count()).resolves.toBe(expected.contacts.length);
    const links = path.getByTestId("starters").getByRole("link");
    await expect(links.allInnerTexts()).resolves.toEqual(expected.starters.map((s) => s.title));
    const href = await links.first().getAttribute("href");
    expect(href).toContain(`item=${expected.starters[0]!.id}`);
    expect(href).toContain("#/library");
    expect(href).not.toContain("charter=");
    expect(describeViolations(await runAxe(page))).toBe("");

    await links.first().click();
    await page.locator("#item-heading").getByText(expected.starters[0]!.title, { exact: true }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).hash).toBe("#/library");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a lead changes a role after a confirmation, the last lead is protected; members and sponsors only read", async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await openScene(page, AMARA, "&charter=people");
    const table = page.getByTestId("people");
    await expect(table.locator("tbody tr").count()).resolves.toBe(12);

    const roleOf = (userId: string) => table.locator(`tr[data-user-id="${userId}"] [data-role]`).getAttribute("data-role");
    await page.getByRole("button", { name: "Change role: Priya Raman" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.waitFor();
    // Nothing changes until the lead chooses a role and confirms it.
    await expect(confirm.getByRole("button", { name: "Change role" }).getAttribute("aria-disabled")).resolves.toBe("true");
    await confirm.getByRole("radio", { name: "Facilitator" }).check();
    await expect(confirm.getByRole("heading").first().innerText()).resolves.toBe("Make Priya Raman a facilitator?");
    await expect(confirm.innerText()).resolves.toContain("Priya Raman will be a facilitator instead of a member.");
    expect(describeViolations(await runAxe(page))).toBe("");
    await confirm.getByRole("button", { name: "Change role" }).click();
    await confirm.waitFor({ state: "detached" });
    await page.locator(".fui-Toast").getByText("Priya Raman is now a facilitator.").waitFor();
    expect((await membersAs(AMARA)).members.find((m) => m.userId === PRIYA)?.role).toBe("facilitator");
    await expect(roleOf(PRIYA)).resolves.toBe("facilitator");
    await eventually(() => focusedName(page), "Change role: Priya Raman");

    // Browsing the roles with the arrow keys changes nothing; cancelling leaves the role as it was.
    await page.getByRole("button", { name: "Change role: Olivia Novak" }).click();
    await confirm.waitFor();
    await confirm.getByRole("radio", { name: "Member" }).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(confirm.getByRole("heading").first().innerText()).resolves.toBe("Make Olivia Novak a lead?");
    await expect(confirm.isVisible()).resolves.toBe(true);
    expect((await membersAs(AMARA)).members.find((m) => m.userId === OLIVIA)?.role).toBe("member");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    await expect(roleOf(OLIVIA)).resolves.toBe("member");
    expect((await membersAs(AMARA)).members.find((m) => m.userId === OLIVIA)?.role).toBe("member");

    // The only lead cannot step down: the refusal shows in the dialog.
    await page.getByRole("button", { name: "Change role: yourself" }).click();
    await confirm.waitFor();
    await confirm.getByRole("radio", { name: "Member" }).check();
    await expect(confirm.getByRole("heading").first().innerText()).resolves.toBe("Make yourself a member?");
    await confirm.getByRole("button", { name: "Change role" }).click();
    await confirm.locator(".fui-MessageBar").getByText("You are the community's only lead. Make someone else a lead first, then change your own role.").waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(roleOf(AMARA)).resolves.toBe("lead");
    expect((await membersAs(AMARA)).members.find((m) => m.userId === AMARA)?.role).toBe("lead");
    await screenshot(page, "charter-people.png");

    // Priya, now a facilitator, and Grace, a sponsor, read the roles without controls.
    for (const who of [PRIYA, GRACE]) {
      await openScene(page, who, "&charter=people");
      await expect(page.getByTestId("people").locator("select").count()).resolves.toBe(0);
      await expect(page.getByTestId("people").getByRole("button", { name: /^Change role/ }).count()).resolves.toBe(0);
      await expect(page.getByTestId("people").locator(`tr[data-user-id="${PRIYA}"] [data-role]`).innerText()).resolves.toBe("Facilitator");
    }
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await apiSend(server, "PUT", api(`/members/${PRIYA}/role`), AMARA, { role: "member" });
    await page.context().close();
  });

  it("keeps a place for “Your data” in the address", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await page.goto(`${server.baseUrl}/?devUser=${PRIYA}&charter=my-data#/charter`);
    await page.locator("#charter-heading").waitFor({ timeout: 20_000 });
    await expect(page.getByRole("tab", { selected: true }).innerText()).resolves.toBe("Your data");
    await page.getByRole("tabpanel").locator("*").first().waitFor();
    await page.getByRole("tab", { name: "Charter" }).click();
    await page.getByTestId("charter").waitFor();
    expect(new URL(page.url()).searchParams.get("charter")).toBeNull();
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.context().close();
  });

  it.each([
    ["default", "light"],
    ["dark", "dark"],
    ["contrast", "contrast"],
  ] as const)("every view reads in the %s theme, with no serious accessibility issues; the charter is kept as a screenshot", async (theme, name) => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await openScene(page, AMARA, `&theme=${theme}`);
    await expectTheme(page, theme);
    await page.getByTestId("charter").waitFor();
    const path = await screenshot(page, `charter-${name}.png`, { fullPage: true });
    expect(path).toMatch(/charter-(light|dark|contrast)\.png$/);
    expect(describeViolations(await runAxe(page))).toBe("");

    await page.getByRole("tab", { name: "Getting started" }).click();
    await page.getByTestId("newcomer").waitFor();
    await screenshot(page, `charter-newcomer-${name}.png`);
    expect(describeViolations(await runAxe(page))).toBe("");

    await page.getByRole("tab", { name: "People & roles" }).click();
    await page.getByTestId("people").waitFor();
    expect(describeViolations(await runAxe(page))).toBe("");

    // A member's charter (the acknowledge button, no edit) too.
    await openScene(page, OLIVIA, `&theme=${theme}`);
    await page.getByRole("button", { name: "I've read it" }).waitFor();
    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
