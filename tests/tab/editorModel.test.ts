/** The editor's form model: content in, the same content out, and server errors mapped to inputs. */
import { type ArtifactContent } from "../../bot/src/contracts";
import { candidatePaths, contentFromForm, formFromContent, inputId, messageForField, parseTopics, plainTextOf, sameContent } from "../../tab/src/scenes/library/editorModel";

const base = { summary: "", body: "", priorities: [], topics: [], visibility: "community" as const, anonymous: false };

describe("editor model", () => {
  it.each<ArtifactContent["fields"]>([
    { type: "case-summary", situation: "s", question: "q", tried: "t", interventions: "i", successLooksLike: "w", signal: "g" },
    { type: "checklist", items: [{ text: "one" }, { text: "two" }] },
    { type: "one-page-summary", keyPoints: ["a", "b"] },
    { type: "decision-log", decision: "d", context: "c", options: ["x", "y"], rationale: "r", owner: "o", decidedOn: "2026-10-01" },
    { type: "decision-log", decision: "d", context: "", options: [], rationale: "", owner: "" },
    { type: "playbook", steps: [{ title: "Prepare", detail: "How" }] },
    { type: "template", whenToUse: "w" },
    { type: "reflection", whatHappened: "h", intended: "i", learned: "l" },
  ])("gives back the same %s content it was given", (fields) => {
    const content: ArtifactContent = { ...base, title: "T", fields, topics: ["1:1s", "feedback"], priorities: ["feedback"], reviewBy: "2027-01-01" };
    expect(contentFromForm(formFromContent(content))).toEqual(content);
  });

  it("keeps a circle only for circle items, and links it does not show", () => {
    const content: ArtifactContent = { ...base, title: "T", fields: { type: "template", whenToUse: "" }, visibility: "circle", circleId: "circle-1", sessionId: "ses-1" };
    const form = formFromContent(content);
    expect(contentFromForm(form)).toMatchObject({ visibility: "circle", circleId: "circle-1", sessionId: "ses-1" });
    expect(contentFromForm({ ...form, visibility: "community" })).not.toHaveProperty("circleId");
  });

  it("reads topics as typed", () => {
    expect(parseTopics(" 1:1s, feedback,, Feedback ,")).toEqual(["1:1s", "feedback"]);
    expect(parseTopics("")).toEqual([]);
  });

  it("notices changes, not rows' keys", () => {
    const content: ArtifactContent = { ...base, title: "T", fields: { type: "checklist", items: [{ text: "a" }] } };
    const a = formFromContent(content);
    const b = formFromContent(content);
    expect(sameContent(a, b)).toBe(true);
    expect(sameContent(a, { ...b, title: "U" })).toBe(false);
  });

  it("keeps the person's words as plain text", () => {
    const form = formFromContent({ ...base, title: "My title", body: "Notes here", fields: { type: "playbook", steps: [{ title: "Prep", detail: "Read" }] } });
    const text = plainTextOf(form, { steps: "Steps" });
    expect(text).toContain("Title: My title");
    expect(text).toContain("Steps:\n- 1. Prep — Read");
    expect(text).toContain("Notes:\nNotes here");
  });

  it("maps the server's field paths to inputs and messages", () => {
    expect(messageForField("fields.items.0.text: must not be empty", "fields.items.0.text")).toBe("Must not be empty");
    expect(messageForField("This item is gone.", undefined)).toBe("This item is gone.");
    expect(inputId("fields.items.0.text")).toBe("edit-fields-items-0-text");
    expect(candidatePaths("fields.steps.1.title")).toEqual(["fields.steps.1.title", "fields.steps.1", "fields.steps", "fields"]);
  });
});
