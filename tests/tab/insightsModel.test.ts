/**
 * The Insights scene's pure parts: lines with gaps where months were held back, the shaded
 * stretches over them, axis labels, quarters, a story's link, the period in the address,
 * what the "Your data" success says, and the client's routes for insights and data rights.
 */
import { type EraseCounts, type MonthPoint } from "../../bot/src/contracts";
import { createApiClient } from "../../tab/src/api/client";
import { describeCounts } from "../../tab/src/scenes/charter/MyDataView";
import {
  axisMonthLabel,
  cell,
  countTicks,
  formatShare,
  heldBackStretches,
  lineSeries,
  NOT_SHOWN,
  quarterLabel,
  quarterOf,
  recentQuarters,
  storyTarget,
} from "../../tab/src/scenes/insights/model";
import { monthsHref, readMonths } from "../../tab/src/scenes/insights/route";

const shown = (month: string, value: number): MonthPoint => ({ month, value, suppressed: false });
const held = (month: string): MonthPoint => ({ month, value: null, suppressed: true });

describe("a monthly line with held-back months", () => {
  it("draws only the months shown, and breaks the line where held-back months sit between two of them", () => {
    const { data, gaps } = lineSeries([held("2026-06"), shown("2026-07", 6), held("2026-08"), held("2026-09"), shown("2026-10", 8), shown("2026-11", 9)]);
    expect(data.map((p) => [p.month, p.y])).toEqual([
      ["2026-07", 6],
      ["2026-10", 8],
      ["2026-11", 9],
    ]);
    expect(gaps).toEqual([{ startIndex: 0, endIndex: 1 }]);
    expect(data[0]!.x.toISOString()).toBe("2026-07-01T00:00:00.000Z");
  });

  it("scales shares to percentages, and a zero that was shown stays a zero", () => {
    expect(lineSeries([shown("2026-10", 0.5), shown("2026-11", 0)], 100).data.map((p) => p.y)).toEqual([50, 0]);
  });

  it("shades each held-back stretch halfway to its neighbours, never past the first or last month", () => {
    const stretches = heldBackStretches([held("2026-06"), held("2026-07"), shown("2026-08", 5), held("2026-09"), shown("2026-10", 6), held("2026-11")]);
    expect(stretches.map((s) => [s.startX.toISOString().slice(0, 10), s.endX.toISOString().slice(0, 10)])).toEqual([
      ["2026-06-01", "2026-07-16"],
      ["2026-08-16", "2026-09-16"],
      ["2026-10-16", "2026-11-01"],
    ]);
    expect(heldBackStretches([shown("2026-10", 6), shown("2026-11", 7)])).toEqual([]);
  });
});

describe("labels and numbers", () => {
  it("names a held-back value in words, never as a number", () => {
    expect(cell({ value: null, suppressed: true }, String)).toEqual({ text: NOT_SHOWN, suppressed: true });
    // A value marked suppressed is held back even if a number came with it.
    expect(cell({ value: 3, suppressed: true }, String)).toEqual({ text: NOT_SHOWN, suppressed: true });
    expect(cell({ value: 0, suppressed: false }, String)).toEqual({ text: "0", suppressed: false });
    expect(formatShare(0.545, "en-GB")).toBe("55%");
  });

  it("keeps month labels on an axis short, with the year on the first month and on January", () => {
    const months = ["2026-11", "2026-12", "2027-01", "2027-02"];
    expect(months.map((m) => axisMonthLabel(m, "2026-11", "en-GB"))).toEqual(["Nov 2026", "Dec", "Jan 2027", "Feb"]);
  });

  it("offers whole-number ticks for counts of people", () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(6)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(countTicks(13)).toEqual([0, 5, 10, 15]);
    expect(countTicks(11)).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it("works out quarters from the API's current month", () => {
    expect(quarterOf("2026-11")).toBe("2026-Q4");
    expect(quarterOf("2027-01")).toBe("2027-Q1");
    expect(recentQuarters("2027-02")).toEqual(["2027-Q1", "2026-Q4", "2026-Q3", "2026-Q2"]);
    expect(quarterLabel("2026-Q4", "en-GB")).toBe("Oct–Dec 2026");
  });
});

describe("a story's link", () => {
  it("opens a library item of this community here in the tab, from the web link or the Teams deep link", () => {
    expect(storyTarget("http://localhost:3978/?community=com-demo&item=art-demo-02", "com-demo")).toEqual({ kind: "item", id: "art-demo-02" });
    const context = encodeURIComponent(JSON.stringify({ subEntityId: "artifact:com-demo:art-demo-18" }));
    expect(storyTarget(`https://teams.microsoft.com/l/entity/app-id/circles?webUrl=x&context=${context}`, "com-demo")).toEqual({ kind: "item", id: "art-demo-18" });
    expect(storyTarget("art-demo-03", "com-demo")).toEqual({ kind: "item", id: "art-demo-03" });
  });

  it("keeps another https address as it is, and drops anything else", () => {
    expect(storyTarget("https://example.com/case", "com-demo")).toEqual({ kind: "href", href: "https://example.com/case" });
    expect(storyTarget("https://circles.example/?community=other&item=a1", "com-demo")).toEqual({ kind: "href", href: "https://circles.example/?community=other&item=a1" });
    expect(storyTarget("javascript:alert(1)", "com-demo")).toBeUndefined();
    expect(storyTarget(null, "com-demo")).toBeUndefined();
    expect(storyTarget("  ", "com-demo")).toBeUndefined();
  });
});

describe("the period in the address", () => {
  it("reads 3, 6 or 12 months, anything else as 6, and writes only what differs from 6", () => {
    expect(readMonths("?months=12")).toBe(12);
    expect(readMonths("?months=7")).toBe(6);
    expect(readMonths("")).toBe(6);
    expect(monthsHref(3, "http://tab.test/?devUser=u&months=12#/insights")).toBe("/?devUser=u&months=3#/insights");
    expect(monthsHref(6, "http://tab.test/?months=12#/insights")).toBe("/#/insights");
  });
});

describe("Your data", () => {
  it("sums up what was anonymised, leaving out what there was none of", () => {
    const none: EraseCounts = { artifacts: 0, artifactVersions: 0, rsvps: 0, checkIns: 0, feedback: 0, followUps: 0, promptAnswers: 0, pilots: 0, buddyReflections: 0, mentions: 0, membership: 1 };
    expect(describeCounts(none)).toBe("There was nothing of yours to anonymise.");
    expect(describeCounts({ ...none, checkIns: 7 })).toBe("Anonymised: 7 check-ins.");
    expect(describeCounts({ ...none, artifacts: 1, checkIns: 2, pilots: 1 })).toBe("Anonymised: 1 library item, 2 check-ins and 1 pilot.");
  });
});

describe("the client", () => {
  it("asks for insights, exports, my data and erasure at the routes the server serves, and names the files as the server did", async () => {
    const calls: string[] = [];
    const api = createApiClient({
      getAuthHeaders: async () => ({}),
      baseUrl: "http://tab.test",
      fetchImpl: async (input, init) => {
        const url = String(input).replace("http://tab.test/api/communities/c1", "");
        calls.push(`${init?.method ?? "GET"} ${url}${typeof init?.body === "string" ? ` ${init.body}` : ""} ${(init?.headers as Record<string, string>).Accept}`);
        if (url.startsWith("/insights/export")) return new Response("# Review", { status: 200, headers: { "Content-Type": "text/markdown", "Content-Disposition": 'attachment; filename="circle-review-2026-Q4.md"' } });
        if (url === "/me/data") return new Response("{}", { status: 200, headers: { "Content-Type": "application/json", "Content-Disposition": "attachment; filename=my-contributions-c1-2026-11-21.json" } });
        return new Response(JSON.stringify({ error: { code: "not_found", message: "Not here." } }), { status: 404 });
      },
    });
    const md = await api.exportInsights("c1", { format: "md", quarter: "2026-Q4" });
    expect(md.filename).toBe("circle-review-2026-Q4.md");
    await expect(md.blob.text()).resolves.toBe("# Review");
    await api.exportInsights("c1", { format: "csv" }).catch(() => undefined);
    const mine = await api.myData("c1");
    expect(mine.filename).toBe("my-contributions-c1-2026-11-21.json");
    await expect(api.insights("c1", { months: 12 })).rejects.toMatchObject({ status: 404, code: "not_found" });
    await expect(api.eraseMe("c1", "Sam Whitaker")).rejects.toMatchObject({ status: 404 });
    expect(calls).toEqual([
      "GET /insights/export?format=md&quarter=2026-Q4 text/markdown",
      "GET /insights/export?format=csv text/csv",
      "GET /me/data application/json",
      "GET /insights?months=12 application/json",
      'POST /me/erase {"confirm":"Sam Whitaker"} application/json',
    ]);
  });
});
