/**
 * The Progress map scene's pure parts: rows and cells, neighbouring stages, the cards'
 * one-line summaries, its place in the address, and the client's routes for it.
 */
import { type PracticeView } from "../../bot/src/contracts";
import { createApiClient } from "../../tab/src/api/client";
import { addDays, weekdayName } from "../../tab/src/lib/format";
import { libraryItemHref } from "../../tab/src/scenes/library/route";
import { evidenceLine, eventTitle, isForward, mapRows, neighbours, OTHER_ROW, pilotingLabel } from "../../tab/src/scenes/practices/model";
import { placeHref, readPlace } from "../../tab/src/scenes/practices/route";

const AT = "2026-11-01T10:00:00.000Z";

function practice(id: string, priority: string, stage: PracticeView["stage"]): PracticeView {
  return {
    id,
    name: id,
    description: "",
    priority,
    stage,
    activePilots: 0,
    pilotingManagers: 0,
    latestEvidence: null,
    evidence: { pilotingManagers: 0, workedManagers: 0, sustainedManagers: 0 },
    next: null,
    myPilot: null,
    createdAt: AT,
    updatedAt: AT,
    stageChangedAt: null,
    can: { move: false, edit: false, pilot: false },
  };
}

describe("progress map model", () => {
  const priorities = [
    { id: "feedback", label: "Feedback" },
    { id: "accountability", label: "Accountability" },
  ];

  it("puts every practice in its priority's row and its stage's cell, keeping empty priorities and the server's order", () => {
    const rows = mapRows({ priorities }, [practice("a", "accountability", "habit"), practice("b", "accountability", "habit"), practice("c", "feedback", "concept")]);
    expect(rows.map((r) => r.label)).toEqual(["Feedback", "Accountability"]);
    expect(rows[0]!.cells.concept.map((p) => p.id)).toEqual(["c"]);
    expect(rows[1]!.cells.habit.map((p) => p.id)).toEqual(["a", "b"]);
    expect(rows[1]!.cells.concept).toEqual([]);
  });

  it("adds an “Other” row only for practices whose priority the community no longer lists", () => {
    expect(mapRows({ priorities }, [practice("a", "feedback", "concept")]).map((r) => r.key)).toEqual(["feedback", "accountability"]);
    const rows = mapRows({ priorities }, [practice("x", "retired-priority", "piloting")]);
    expect(rows.map((r) => r.key)).toEqual(["feedback", "accountability", OTHER_ROW]);
    expect(rows[2]).toMatchObject({ label: "Other" });
    expect(rows[2]!.cells.piloting.map((p) => p.id)).toEqual(["x"]);
  });

  it("offers only the neighbouring stages as moves", () => {
    expect(neighbours("concept")).toEqual(["piloting"]);
    expect(neighbours("piloting")).toEqual(["concept", "adopted"]);
    expect(neighbours("adopted")).toEqual(["piloting", "habit"]);
    expect(neighbours("habit")).toEqual(["adopted"]);
    expect(isForward("piloting", "adopted")).toBe(true);
    expect(isForward("piloting", "concept")).toBe(false);
  });

  it("sums up the latest evidence, pilots and timeline events in a line", () => {
    expect(evidenceLine(null)).toBe("No evidence yet");
    const report = { kind: "report" as const, at: AT, byName: "Priya Raman", outcome: "worked" as const, whatChanged: "Hard topics come first.", signal: "", stillUsing: true, weeksUsed: 3 };
    expect(evidenceLine(report)).toBe("It worked: Hard topics come first. — Priya Raman");
    expect(evidenceLine({ ...report, outcome: "mixed", whatChanged: " ", signal: "Shorter 1:1s" })).toBe("Mixed: Shorter 1:1s — Priya Raman");
    expect(evidenceLine({ ...report, whatChanged: "", signal: "" })).toBe("It worked — Priya Raman");
    expect(evidenceLine({ kind: "move", at: AT, byName: "Jonas Weber", from: "piloting", to: "adopted", reason: "Two reports." })).toBe("Moved to Adopted: Two reports. — Jonas Weber");
    expect(pilotingLabel(3)).toBe("3 piloting");
    expect(pilotingLabel(0)).toBe("No one piloting now");
    expect(eventTitle({ kind: "created", at: AT, byName: null })).toBe("Added to the map");
    expect(eventTitle({ kind: "move", at: AT, byName: "Jonas Weber", from: "concept", to: "piloting", reason: "r", evidence: { pilotingManagers: 1, workedManagers: 0, sustainedManagers: 0 } })).toBe(
      "Jonas Weber moved it from Concept to Piloting",
    );
    expect(eventTitle(report)).toBe("Priya Raman reported: It worked");
  });

  it("counts dates and names weekdays", () => {
    expect(addDays("2026-11-21", 28)).toBe("2026-12-19");
    expect(addDays("2026-02-20", 10)).toBe("2026-03-02");
    expect(addDays("not a date", 3)).toBe("not a date");
    expect(weekdayName(1, "en-GB")).toBe("Monday");
    expect(weekdayName(7, "en-GB")).toBe("Sunday");
    expect(weekdayName(3, "de-DE")).toBe("Mittwoch");
  });
});

describe("progress map address", () => {
  it("reads the view and the open practice, ignoring anything malformed", () => {
    expect(readPlace("")).toEqual({ view: "map" });
    expect(readPlace("?practices=reflections")).toEqual({ view: "reflections" });
    expect(readPlace("?practices=prompts&practice=prc-1")).toEqual({ view: "prompts" });
    expect(readPlace("?practice=prc-demo-6")).toEqual({ view: "map", practice: "prc-demo-6" });
    expect(readPlace("?practices=poems&practice=%3Cscript%3E")).toEqual({ view: "map" });
  });

  it("writes only its own keys and keeps the shell's and the other scenes'", () => {
    const here = "https://tab.test/?devUser=aad-user-jonas&theme=dark&buddies=round&practices=prompts#/practices";
    expect(placeHref({ view: "map" }, here)).toBe("/?devUser=aad-user-jonas&theme=dark&buddies=round#/practices");
    expect(placeHref({ view: "map", practice: "prc-1" }, here)).toBe("/?devUser=aad-user-jonas&theme=dark&buddies=round&practice=prc-1#/practices");
    expect(placeHref({ view: "reflections", practice: "prc-1" }, here)).toBe("/?devUser=aad-user-jonas&theme=dark&buddies=round&practices=reflections#/practices");
  });

  it("links to a library item the way the library reads it", () => {
    expect(libraryItemHref("art-9", "https://tab.test/?devUser=aad-user-jonas&practices=reflections&practice=prc-1#/practices")).toBe("/?devUser=aad-user-jonas&item=art-9#/library");
  });
});

describe("progress map client", () => {
  it("calls every route of the spec with the right verb, path and body", async () => {
    const calls: string[] = [];
    const api = createApiClient({
      getAuthHeaders: async () => ({}),
      baseUrl: "http://tab.test",
      fetchImpl: async (input, init) => {
        calls.push(`${init?.method ?? "GET"} ${String(input).replace("http://tab.test/api/communities/c1", "")}${typeof init?.body === "string" ? ` ${init.body}` : ""}`);
        return new Response(JSON.stringify({ error: { code: "not_found", message: "Not here." } }), { status: 404 });
      },
    });
    const all = [
      api.progressMap("c1"),
      api.createPractice("c1", { name: "N", priority: "feedback" }),
      api.updatePractice("c1", "p/1", { name: "M" }),
      api.movePractice("c1", "p1", { to: "piloting", reason: "Why" }),
      api.practiceTimeline("c1", "p1"),
      api.startPilot("c1", "p1", { startOn: "2026-11-21", checkBackOn: "2026-12-19" }),
      api.reportPilot("c1", "pl1", { outcome: "worked" }),
      api.withdrawPilot("c1", "pl1"),
      api.updateEvidenceRules("c1", { adoptedMinReports: 3 }),
      api.promptBank("c1"),
      api.createPrompt("c1", { kind: "discussion", text: "T", value: "Respect" }),
      api.updatePrompt("c1", "pr1", { active: false }),
      api.postPromptNow("c1", "pr1"),
      api.updatePromptSettings("c1", { enabled: false }),
      api.reflections("c1"),
      api.reflections("c1", { limit: 5, continuationToken: "a+b" }),
      api.answerPosting("c1", "ps1", { answer: "A", anonymous: true }),
      api.promote("c1", { kind: "response", responseId: "r1" }),
    ];
    const results = await Promise.allSettled(all);
    expect(results.every((r) => r.status === "rejected" && (r.reason as { status: number }).status === 404)).toBe(true);
    expect(calls).toEqual([
      "GET /practices",
      'POST /practices {"name":"N","priority":"feedback"}',
      'PATCH /practices/p%2F1 {"name":"M"}',
      'POST /practices/p1/move {"to":"piloting","reason":"Why"}',
      "GET /practices/p1/timeline",
      'POST /practices/p1/pilots {"startOn":"2026-11-21","checkBackOn":"2026-12-19"}',
      'PUT /pilots/pl1/report {"outcome":"worked"}',
      "POST /pilots/pl1/withdraw {}",
      'PUT /practice-rules {"adoptedMinReports":3}',
      "GET /prompts",
      'POST /prompts {"kind":"discussion","text":"T","value":"Respect"}',
      'PATCH /prompts/pr1 {"active":false}',
      "POST /prompts/pr1/post {}",
      'PUT /prompt-settings {"enabled":false}',
      "GET /reflections?limit=20",
      "GET /reflections?limit=5&continuationToken=a%2Bb",
      'PUT /postings/ps1/answer {"answer":"A","anonymous":true}',
      'POST /promotions {"kind":"response","responseId":"r1"}',
    ]);
  });
});
