/**
 * The sponsors' monthly digest card: a snapshot of its shape, numbers that fewer than five
 * people stand behind saying so instead of showing, stories shown as written (never as
 * Markdown), and the card within Teams' limits even with long stories.
 */
import { Notice } from "../../bot/src/contracts";
import { digestCard, type InsightsDigestNotice, renderNotice } from "../../bot/src/teams/cards";
import { expectTeamsReady, type Json, text } from "./cardChecks";

const TAB = "https://teams.microsoft.com/l/entity/app-id/circles";

const DIGEST: InsightsDigestNotice = {
  kind: "insights.digest",
  communityId: "com-demo",
  communityName: "Harbour Managers' Circle",
  month: "2026-11",
  numbers: {
    activeMembers: { value: 9, suppressed: false },
    sessionsHeld: 5,
    checkInRate: { value: 0.545, suppressed: false },
    artifactsAdded: { value: null, suppressed: true },
    pilotReporters: { value: null, suppressed: true },
  },
  stories: [
    { kind: "case", id: "art-demo-02", title: "A senior engineer goes *quiet* in [planning](https://evil.example)", text: "A strong contributor stopped speaking up.\nNow **they** lead the retro.", authorName: "Jonas Weber", at: "2026-11-12T09:00:00.000Z", link: null },
    { kind: "reflection", id: "ans-demo-4", title: "What changed your mind?", text: "My team did.", authorName: "Priya Raman", at: "2026-11-13T09:00:00.000Z", link: null },
  ],
  minimumGroup: 5,
  link: null,
};

const facts = (card: Json) => Object.fromEntries((card.body as Json[]).find((e) => e.type === "FactSet").facts.map((f: Json) => [f.title, f.value]));

describe("digestCard", () => {
  it("is pinned by a snapshot", () => {
    expect(digestCard(DIGEST, { tab: TAB })).toMatchSnapshot();
  });

  it("shows the numbers five or more people stand behind, and says why the others are missing", () => {
    const card = digestCard(DIGEST, { tab: TAB });
    expectTeamsReady(card);
    expect(facts(card)).toEqual({
      "Active members": "9",
      "Sessions held": "5",
      "Check-in rate": "55%",
      "Library items added": "fewer than 5 people",
      "Managers who reported on a pilot": "fewer than 5 people",
    });
    expect(text(card)).toContain("November 2026 at a glance");
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open Insights", url: TAB }]);
    expect(digestCard(DIGEST).actions).toBeUndefined();
  });

  it("shows stories as written: titles without their Markdown, text verbatim", () => {
    const card = digestCard(DIGEST) as Json;
    const blocks = card.body as Json[];
    expect(blocks.some((b) => b.type === "TextBlock" && b.text === "**A senior engineer goes quiet in planning(https://evil.example)**")).toBe(true);
    const runs = blocks.filter((b) => b.type === "RichTextBlock").map((b) => b.inlines[0].text);
    expect(runs).toEqual(["A strong contributor stopped speaking up.\nNow **they** lead the retro.", "My team did."]);
    expect(text(card)).toContain("Jonas Weber, shared as a case");
    expect(text(card)).toContain("Priya Raman, in answer to a prompt");
  });

  it("stays within Teams' limits with the longest stories, and renders from a stored notice", () => {
    const long = { ...DIGEST, stories: DIGEST.stories.map((s) => ({ ...s, title: "T".repeat(400), text: "word ".repeat(2000) })) };
    const card = digestCard(long);
    expectTeamsReady(card);
    const runs = (card.body as Json[]).filter((b) => b.type === "RichTextBlock").map((b) => b.inlines[0].text as string);
    expect(runs.every((r) => r.length <= 280 && r.endsWith("…"))).toBe(true);
    expect(renderNotice(JSON.parse(JSON.stringify(DIGEST)), { tab: TAB })).toEqual(digestCard(DIGEST, { tab: TAB }));
    // More than two stories is not a digest the scheduler would store.
    expect(Notice.safeParse({ ...DIGEST, stories: [...DIGEST.stories, DIGEST.stories[0]] }).success).toBe(false);
  });
});
