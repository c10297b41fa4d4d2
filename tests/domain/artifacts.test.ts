import { type ArtifactContent } from "../../bot/src/contracts";
import { changedFields, checkContent, localDate, searchTextOf, searchWords, startOfDay, startOfNextDay, ARTIFACT_TEMPLATES } from "../../bot/src/domain/artifacts";

describe("calendar days in a time zone", () => {
  it("bound a day by the member's own midnight, across a DST change", () => {
    expect(startOfDay("2026-11-20", "America/Los_Angeles")).toBe("2026-11-20T08:00:00.000Z");
    expect(startOfNextDay("2026-11-20", "America/Los_Angeles")).toBe("2026-11-21T08:00:00.000Z");
    expect(startOfNextDay("2026-03-07", "America/New_York")).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfNextDay("2026-03-08", "America/New_York")).toBe("2026-03-09T04:00:00.000Z");
    expect(localDate(new Date("2026-11-20T23:30:00Z"), "Asia/Tokyo")).toBe("2026-11-21");
  });
});

describe("artifact rules", () => {
  const community = { culturalPriorities: [{ id: "feedback", label: "Feedback" }] };
  const checklist = ARTIFACT_TEMPLATES.find((t) => t.type === "checklist")!.content;

  it("accept a template as it is, for its own type", () => {
    for (const t of ARTIFACT_TEMPLATES) expect(() => checkContent(t.content, t.type, community, [])).not.toThrow();
  });

  it.each([
    [{ ...checklist }, "reflection", "fields.type"],
    [{ ...checklist, priorities: ["kindness"] }, "checklist", "priorities"],
    [{ ...checklist, visibility: "circle" as const }, "checklist", "circleId"],
    [{ ...checklist, visibility: "circle" as const, circleId: "c-2" }, "checklist", "circleId"],
    [{ ...checklist, circleId: "c-1" }, "checklist", "circleId"],
    [{ ...checklist, anonymous: true }, "checklist", "anonymous"],
  ] as const)("refuse %o as %s, naming %s", (content, type, field) => {
    expect(() => checkContent(content as ArtifactContent, type, community, ["c-1"])).toThrow(expect.objectContaining({ status: 400, field }));
  });

  it("list what changed between versions", () => {
    expect(changedFields(checklist, { ...checklist, title: "New", topics: ["x"] })).toEqual(["title", "topics"]);
    expect(changedFields(checklist, { ...checklist })).toEqual([]);
  });

  it("search every word of title, fields and tags, case-insensitively", () => {
    const text = searchTextOf({ ...checklist, title: "Hand-over CHECKLIST", priorities: ["psychological-safety"] });
    expect(text).toContain("hand-over checklist");
    expect(text).toContain("who to tell when it is done");
    expect(text).toContain("psychological safety");
    expect(searchWords("  Feedback  feedback a routine ")).toEqual(["feedback", "routine"]);
  });
});
