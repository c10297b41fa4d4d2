/**
 * One library item in real Chromium against the real server: reading it, writing a new
 * one from a template, editing, history and restore, conflicts, deleting and undoing,
 * deep links, safe Markdown, and accessibility of each view in every theme.
 */
import { type Browser, type Page } from "playwright-core";
import { ArtifactHistoryResponse, ArtifactResponse, DevUsersResponse } from "../../bot/src/contracts";
import { describeViolations, launchBrowser, openPage, runAxe, screenshot, watchErrors } from "../support/browser";
import { startServer } from "../support/server";
import { ensureTabBuilt } from "../support/tabBuild";
import { activeId, apiGet, apiSend, communityOf, createItem, cssId, eventually, listItems, openTab as open, rows } from "./helpers";

let server: { baseUrl: string; close(): Promise<void> };
let browser: Browser;
let lead: string;
let member: string;
let communityId: string;

const openTab = (page: Page, query = "") => open(server, page, query);
const itemPath = (id: string) => `/api/communities/${communityId}/artifacts/${id}`;
const readItem = (id: string, devUser = lead) => apiGet(server, `${itemPath(id)}?track=false`, ArtifactResponse, devUser);
const heading = (page: Page) => page.locator("#item-heading");
const toast = (page: Page, text: string) => page.locator(".fui-ToastTitle", { hasText: text });

beforeAll(async () => {
  await ensureTabBuilt();
  server = await startServer();
  browser = await launchBrowser();
  const users = DevUsersResponse.parse(await (await fetch(`${server.baseUrl}/api/dev/users`)).json()).users;
  lead = users.find((u) => u.role === "lead")!.userId;
  member = users.find((u) => u.role === "member")!.userId;
  communityId = await communityOf(server, lead);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens an item's page directly, as a shared link does. */
async function openItem(page: Page, id: string, query = ""): Promise<void> {
  await openTab(page, `?item=${encodeURIComponent(id)}${query}`);
  await heading(page).waitFor();
  await page.locator("text=Opening the item…").waitFor({ state: "detached" });
}

const checklist = (title: string, items: string[], extra: Record<string, unknown> = {}) => ({
  title,
  summary: "",
  body: "",
  fields: { type: "checklist" as const, items: items.map((text) => ({ text })) },
  ...extra,
});

describe("An item", () => {
  it("opens from a link (?item=) with its fields laid out, and closing returns to the list; Back and Forward work", async () => {
    const item = await createItem(server, lead, {
      title: "Case for the deep link",
      summary: "A manager whose team stopped speaking up.",
      body: "## What I noticed\n\nPeople **wait** for me to speak first.\n\n- one\n- two",
      fields: { type: "case-summary", situation: "Since the reorg, stand-ups are silent.", question: "How do I get people talking again?", tried: "Asking directly.", interventions: "Round-robin openers.", successLooksLike: "Two people raise a risk unprompted.", signal: "Questions in chat." },
      priorities: ["psychological-safety"],
      topics: ["stand-ups"],
      anonymous: true,
      visibility: "circle",
      reviewBy: "2020-01-01",
    });
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openItem(page, item.id, `&community=${communityId}`);
    await eventually(() => heading(page).textContent(), item.title);
    const text = await page.locator("article").innerText();
    for (const expected of [
      "Case summary",
      "Shared anonymously",
      "The situation",
      "Since the reorg, stand-ups are silent.",
      "The question for the group",
      "What was tried",
      "What the group suggested",
      "Round-robin openers.",
      "What success looks like",
      "A signal to watch for",
      "Psychological safety",
      "#stand-ups",
      "Due for review",
    ])
      expect(text).toContain(expected);
    // The updated time in the person's locale (en-GB here) and time zone.
    await expect(page.getByTestId("item-meta").innerText()).resolves.toMatch(/Updated \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
    // Markdown became structure, not text.
    await page.locator("article h4", { hasText: "What I noticed" }).waitFor();
    await expect(page.locator("article strong", { hasText: "wait" }).count()).resolves.toBe(1);

    await page.getByRole("button", { name: "Back to the library" }).click();
    await rows(page).first().waitFor();
    expect(new URL(page.url()).searchParams.get("item")).toBeNull();

    // Open another from the list, then Back and Forward.
    await page.locator(`#artifact-link-${cssId(item.id)}`).click();
    await heading(page).waitFor();
    await page.goBack();
    await rows(page).first().waitFor();
    await eventually(() => activeId(page), `artifact-link-${item.id}`);
    await page.goForward();
    await eventually(() => heading(page).textContent(), item.title);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("says so, with a way back, when a link points at an item that is gone", async () => {
    const page = await openPage(browser);
    await openTab(page, "?item=art-does-not-exist");
    await page.getByText("We couldn't open this item").waitFor();
    await page.getByRole("button", { name: "Back to the library" }).click();
    await rows(page).first().waitFor();
    await page.context().close();
  });

  it("renders HTML in the notes as text: no script runs, no image loads", async () => {
    const body = 'Before <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=1"> after.\n\n[click](javascript:window.__pwned=1)';
    const item = await createItem(server, lead, checklist("Notes with HTML in them", ["One"], { body }));
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openItem(page, item.id);
    const notes = page.locator("article section", { hasText: "Notes" }).last();
    await notes.getByText("after.").waitFor();
    await expect(notes.innerText()).resolves.toContain('<script>window.__pwned=1</script>');
    await expect(notes.innerText()).resolves.toContain('<img src=x onerror="window.__pwned=1">');
    await expect(page.locator("article script, article img").count()).resolves.toBe(0);
    // The javascript: link lost its address.
    const href = await notes.getByText("click").evaluate((el) => el.closest("a")?.getAttribute("href") ?? "");
    expect(href).not.toMatch(/javascript/i);
    await notes.getByText("click").click();
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();

    // The editor's preview is just as safe.
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("tab", { name: "Preview" }).click();
    await page.locator("#notes-panel").getByText("after.").waitFor();
    await expect(page.locator("#notes-panel script, #notes-panel img").count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("copies its link", async () => {
    const item = await createItem(server, lead, checklist("An item to link to", ["One"]));
    const page = await openPage(browser, { permissions: ["clipboard-read", "clipboard-write"] });
    await openItem(page, item.id);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByRole("button", { name: "Link copied" }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(item.link);
    await page.context().close();
  });
});

describe("Writing", () => {
  it("creates a checklist from its template, with items added and removed", async () => {
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openTab(page);
    await page.getByRole("button", { name: "New item" }).click();
    await page.getByText("What would you like to share?").waitFor();
    // Each kind explains itself.
    await expect(page.getByRole("button", { name: /^Checklist/ }).getAttribute("aria-describedby")).resolves.toBe("type-checklist");
    await page.getByRole("button", { name: /^Checklist/ }).click();
    await page.getByRole("heading", { name: "New checklist" }).waitFor();
    // Prefilled from the template.
    await expect(page.locator("#edit-title").inputValue()).resolves.toBe("Checklist: …");
    await expect(page.getByLabel("Item 1", { exact: true }).inputValue()).resolves.toBe("First thing to check");
    await expect(page.getByLabel(/^Item \d$/).count()).resolves.toBe(3);

    await page.locator("#edit-title").fill("Before a difficult conversation");
    await page.getByLabel("Summary").fill("Five checks before you walk in.");
    await page.getByLabel("Item 1", { exact: true }).fill("Know the one thing you want them to hear");
    await page.getByLabel("Item 2", { exact: true }).fill("Book a room, not a corridor");
    // Enter in an item starts the next one, with focus in it.
    await page.getByLabel("Item 2", { exact: true }).press("Enter");
    await expect(activeId(page)).resolves.toBe("edit-fields-items-2-text");
    await page.keyboard.type("Write down their likely first reaction");
    await page.getByRole("button", { name: "Remove item 4" }).click();
    await page.getByRole("button", { name: "Add item" }).click();
    await page.keyboard.type("Plan the first sentence");
    await page.getByRole("checkbox", { name: "Feedback" }).check();
    await page.getByLabel("Topics").fill("conversations, feedback");
    await page.getByRole("tab", { name: "Preview" }).click();
    await page.getByText("Nothing to preview yet.").waitFor();
    await page.getByRole("tab", { name: "Write" }).click();
    await page.getByLabel("Notes (Markdown)").fill("Read **Crucial Conversations**, chapter 3.");
    await page.getByRole("tab", { name: "Preview" }).click();
    await page.locator("#notes-panel strong", { hasText: "Crucial Conversations" }).waitFor();
    await screenshot(page, "library-editor.png", { fullPage: true });

    await page.getByRole("button", { name: "Save to the library" }).click();
    await heading(page).waitFor();
    await eventually(() => heading(page).textContent(), "Before a difficult conversation");
    await toast(page, "it's in the library now").waitFor();
    const id = new URL(page.url()).searchParams.get("item")!;
    const saved = await readItem(id);
    expect(saved.fields).toEqual({
      type: "checklist",
      items: [{ text: "Know the one thing you want them to hear" }, { text: "Book a room, not a corridor" }, { text: "Write down their likely first reaction" }, { text: "Plan the first sentence" }],
    });
    expect(saved.priorities).toEqual(["feedback"]);
    expect(saved.topics).toEqual(["conversations", "feedback"]);
    expect(saved.author?.id).toBe(lead);
    // The checklist reads as a list on the item's page.
    await expect(page.locator("article ul li", { hasText: "Plan the first sentence" }).count()).resolves.toBe(1);

    // Back in the list, the new item is there.
    await page.getByRole("button", { name: "Back to the library" }).click();
    await page.locator(`#artifact-${cssId(id)}`).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows the server's validation message next to the field, keeping everything typed", async () => {
    const page = await openPage(browser);
    await openTab(page, "?new=playbook");
    await page.getByRole("heading", { name: "New routine or playbook" }).waitFor();
    await page.getByLabel("Summary").fill("Words I do not want to lose.");
    await page.locator("#edit-title").fill("   ");
    await page.getByRole("button", { name: "Save to the library" }).click();
    const titleField = page.locator(".fui-Field", { has: page.locator("#edit-title") });
    await titleField.getByText("Must not be empty").waitFor();
    await expect(activeId(page)).resolves.toBe("edit-title");
    await expect(page.locator("#edit-title").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel("Summary").inputValue()).resolves.toBe("Words I do not want to lose.");

    // A list row's own error lands on that row.
    await page.locator("#edit-title").fill("Our on-call handover");
    await page.getByLabel("Step 2", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save to the library" }).click();
    const stepField = page.locator(".fui-Field", { has: page.getByLabel("Step 2", { exact: true }) });
    await stepField.getByText("Must not be empty").waitFor();
    await expect(activeId(page)).resolves.toBe("edit-fields-steps-1-title");
    await expect(titleField.getByText("Must not be empty").count()).resolves.toBe(0);
    await page.context().close();
  });

  it("shares a case anonymously, inside the author's peer circle", async () => {
    const page = await openPage(browser);
    await openTab(page, "?new=case-summary");
    await page.getByRole("heading", { name: "New case summary" }).waitFor();
    await page.locator("#edit-title").fill("A quiet team after the reorg");
    await page.getByRole("checkbox", { name: "Share without my name" }).check();
    await expect(page.getByRole("radio", { name: "My peer circle only" }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole("radio", { name: "Everyone in the community" }).isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "Save to the library" }).click();
    await heading(page).waitFor();
    await expect(page.locator("article").innerText()).resolves.toContain("Shared anonymously");
    const saved = await readItem(new URL(page.url()).searchParams.get("item")!);
    expect(saved).toMatchObject({ anonymous: true, visibility: "circle", author: null });
    await page.context().close();
  });

  it("asks before throwing away unsaved changes, on Cancel and on the browser's Back", async () => {
    const item = await createItem(server, lead, checklist("Guarded item", ["One"]));
    const page = await openPage(browser);
    await openItem(page, item.id);
    await page.getByRole("button", { name: "Edit" }).click();
    await page.locator("#edit-title").fill("Guarded item, changed");
    await page.getByRole("button", { name: "Cancel" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Keep editing" }).click();
    await expect(page.locator("#edit-title").inputValue()).resolves.toBe("Guarded item, changed");

    await page.goBack();
    await dialog.waitFor();
    expect(new URL(page.url()).searchParams.get("panel")).toBe("edit");
    await dialog.getByRole("button", { name: "Discard changes" }).click();
    await heading(page).waitFor();
    await eventually(() => heading(page).textContent(), "Guarded item");
    expect((await readItem(item.id)).version).toBe(1);
    await page.context().close();
  });

  it("edits twice, then restores version 1 from the history as a new version", async () => {
    const item = await createItem(server, lead, checklist("Weekly 1:1 prep", ["Read their last update", "Bring one piece of recognition"]));
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openItem(page, item.id);

    for (const [n, title] of [
      [2, "Weekly 1:1 prep, sharper"],
      [3, "Weekly 1:1 prep, sharpest"],
    ] as const) {
      await page.getByRole("button", { name: "Edit" }).click();
      await page.getByRole("heading", { name: /^Edit “/ }).waitFor();
      await page.locator("#edit-title").fill(title);
      await page.getByLabel("Item 1", { exact: true }).fill(`Read their last update (v${n})`);
      await page.getByLabel("What did you change? (optional)").fill(`Edit number ${n - 1}`);
      await page.getByRole("button", { name: "Save changes" }).click();
      await toast(page, `Saved as version ${n}.`).waitFor();
      await eventually(() => heading(page).textContent(), title);
      await expect(page.getByTestId("item-meta").innerText()).resolves.toContain(`Version ${n}`);
    }
    // Saving went back to the item: Back from here returns to the list, not to the editor.
    expect(new URL(page.url()).searchParams.get("panel")).toBeNull();

    await page.getByRole("button", { name: "History" }).click();
    await page.getByRole("heading", { name: "History" }).waitFor();
    const versions = page.getByRole("list", { name: "Versions, newest first" }).getByRole("listitem");
    await eventually(() => versions.count(), 3);
    const listed = await versions.allInnerTexts();
    expect(listed[0]).toMatch(/Version 3\s*Current/);
    expect(listed[0]).toContain("Changed: Title, Details");
    expect(listed[0]).toContain("“Edit number 2”");
    expect(listed[2]).toContain("First version");
    expect(listed[2]).toContain("Amara Okafor");
    await screenshot(page, "library-history.png");
    expect(describeViolations(await runAxe(page))).toBe("");

    await page.getByRole("button", { name: "View version 1" }).click();
    await page.getByRole("heading", { name: "Version 1" }).waitFor();
    await page.getByText("Read their last update", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Restore this version" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Restore version 1?" });
    await expect(confirm.innerText()).resolves.toContain("version 4");
    await confirm.getByRole("button", { name: "Restore" }).click();
    await toast(page, "Version 1 is back, saved as version 4.").waitFor();
    await eventually(() => heading(page).textContent(), "Weekly 1:1 prep");
    await expect(page.locator("article ul li", { hasText: "Read their last update" }).first().innerText()).resolves.toBe("Read their last update");

    const restored = await readItem(item.id);
    expect(restored.version).toBe(4);
    expect(restored.title).toBe("Weekly 1:1 prep");
    expect(restored.fields).toEqual(item.fields);
    const history = await apiGet(server, `${itemPath(item.id)}/versions`, ArtifactHistoryResponse, lead);
    expect(history.items.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("when someone saved first, explains it and reloads their version while keeping my text", async () => {
    const item = await createItem(server, lead, checklist("Team norms for async updates", ["Post by 10:00"]));
    const page = await openPage(browser);
    await openItem(page, item.id);
    await page.getByRole("button", { name: "Edit" }).click();
    await page.locator("#edit-title").fill("My title that must not be lost");
    await page.getByLabel("Item 1", { exact: true }).fill("My own wording of the first norm");

    // Meanwhile a facilitator saves from elsewhere.
    const facilitator = DevUsersResponse.parse(await (await fetch(`${server.baseUrl}/api/dev/users`)).json()).users.find((u) => u.role === "facilitator")!.userId;
    const theirs = await apiSend(server, "PUT", itemPath(item.id), facilitator, { ...checklist("Their newer title", ["Post by 09:30"]), baseVersion: 1 });
    expect(theirs.status).toBe(200);

    await page.getByRole("button", { name: "Save changes" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Someone saved a newer version" });
    await dialog.waitFor();
    await screenshot(page, "library-conflict.png");
    expect(describeViolations(await runAxe(page))).toBe("");
    // Cancel keeps me where I was, text and all.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.locator("#edit-title").inputValue()).resolves.toBe("My title that must not be lost");
    await page.getByRole("button", { name: "Save changes" }).click();
    await dialog.getByRole("button", { name: "Reload their version" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect(page.locator("#edit-title").inputValue()).resolves.toBe("Their newer title");
    await expect(page.getByLabel("Item 1", { exact: true }).inputValue()).resolves.toBe("Post by 09:30");
    const copy = page.getByLabel("Your text before the reload");
    await expect(copy.inputValue()).resolves.toContain("My title that must not be lost");
    await expect(copy.inputValue()).resolves.toContain("My own wording of the first norm");
    await expect(activeId(page)).resolves.toBe(await copy.getAttribute("id"));

    // Now my change applies on top of theirs.
    await page.locator("#edit-title").fill("Their newer title, with my addition");
    await page.getByRole("button", { name: "Save changes" }).click();
    await toast(page, "Saved as version 3.").waitFor();
    expect((await readItem(item.id)).fields).toEqual({ type: "checklist", items: [{ text: "Post by 09:30" }] });
    await page.context().close();
  });
});

describe("Deleting", () => {
  it("asks, deletes, and Undo brings it back", async () => {
    const item = await createItem(server, lead, checklist("An item to delete and undo", ["One"]));
    const page = await openPage(browser);
    await openItem(page, item.id);
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Delete this item?" });
    await expect(dialog.innerText()).resolves.toContain("An item to delete and undo");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await toast(page, "“An item to delete and undo” was deleted.").waitFor();
    await page.locator("#library-heading").waitFor();
    await expect(page.locator(`#artifact-${cssId(item.id)}`).count()).resolves.toBe(0);
    expect((await readItem(item.id)).deleted).toBe(true);

    await page.getByRole("button", { name: "Undo" }).click();
    await toast(page, "“An item to delete and undo” is back in the library.").waitFor();
    await page.locator(`#artifact-${cssId(item.id)}`).waitFor();
    await eventually(() => activeId(page), `artifact-link-${item.id}`);
    expect((await readItem(item.id)).deleted).toBe(false);
    await page.context().close();
  });

  it("leads find deleted items under Recently deleted and restore them", async () => {
    const item = await createItem(server, lead, checklist("An item to restore later", ["One"]));
    expect((await apiSend(server, "DELETE", itemPath(item.id), lead)).status).toBe(200);
    const page = await openPage(browser);
    await openTab(page);
    await page.getByRole("button", { name: "Recently deleted" }).click();
    await page.getByRole("heading", { name: "Recently deleted" }).waitFor();
    expect(new URL(page.url()).searchParams.get("deleted")).toBe("1");
    const row = page.locator(`#artifact-${cssId(item.id)}`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/Deleted \d/);
    await screenshot(page, "library-deleted.png");
    expect(describeViolations(await runAxe(page))).toBe("");
    await row.getByRole("button", { name: "Restore “An item to restore later”" }).click();
    await toast(page, "“An item to restore later” is back in the library.").waitFor();
    await row.waitFor({ state: "detached" });
    expect((await readItem(item.id)).deleted).toBe(false);
    await page.getByRole("button", { name: "Back to the library" }).click();
    await page.locator(`#artifact-${cssId(item.id)}`).waitFor();
    await page.context().close();
  });

  it("members see no Delete, and can edit only what is theirs", async () => {
    const mine = await createItem(server, member, checklist("A member's own checklist", ["One"]));
    const page = await openPage(browser);
    await openItem(page, mine.id, `&devUser=${member}`);
    await expect(page.getByRole("button", { name: "Edit" }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Delete" }).count()).resolves.toBe(0);
    const others = (await listItems(server, member)).items.find((a) => !a.can.edit);
    if (others) {
      await openItem(page, others.id, `&devUser=${member}`);
      await expect(page.getByRole("button", { name: "Edit" }).count()).resolves.toBe(0);
    }
    await page.context().close();
  });
});

describe("Accessibility and themes", () => {
  it.each(["default", "dark", "contrast"] as const)("has no serious issues on the item, the editor and the type chooser in the %s theme", async (theme) => {
    const item = await createItem(server, lead, {
      title: `A decision for the ${theme} theme`,
      summary: "Why we moved the retro.",
      body: "Some **notes** with a [link](https://example.com).",
      fields: { type: "decision-log", decision: "Retros move to Thursdays.", context: "Fridays are half-empty.", options: ["Thursday", "Monday"], rationale: "Most people are in.", owner: "Amara", decidedOn: "2026-10-01" },
      priorities: ["inclusive-decisions"],
      topics: ["rituals"],
      reviewBy: "2020-01-01",
    });
    const page = await openPage(browser);
    const errors = watchErrors(page);
    await openItem(page, item.id, `&theme=${theme}`);
    await page.locator("article strong", { hasText: "notes" }).waitFor();
    const suffix = theme === "default" ? "" : `-${theme}`;
    await screenshot(page, `library-detail${suffix}.png`, { fullPage: true });
    expect(describeViolations(await runAxe(page))).toBe("");

    await page.getByRole("button", { name: "Edit" }).click();
    await page.locator("#edit-title").waitFor();
    await expect(activeId(page)).resolves.toBe("editor-heading");
    if (theme !== "default") await screenshot(page, `library-editor${suffix}.png`, { fullPage: true });
    expect(describeViolations(await runAxe(page))).toBe("");
    await page.getByRole("button", { name: "Cancel" }).click();
    await heading(page).waitFor();

    await openTab(page, `?new=1&theme=${theme}`);
    await page.getByText("What would you like to share?").waitFor();
    await page.getByRole("button", { name: /^Reflection/ }).waitFor();
    if (theme === "default") await screenshot(page, "library-new.png");
    expect(describeViolations(await runAxe(page))).toBe("");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
