/** The tab's API client for sessions: paths, verbs, bodies, and the .ics file fetched with the person's identity. */
import { createApiClient, filenameFrom } from "../../tab/src/api/client";

type Call = { url: string; method: string; headers: Record<string, string>; body?: string };

function clientReturning(respond: (url: string) => Response) {
  const calls: Call[] = [];
  const api = createApiClient({
    getAuthHeaders: async () => ({ "X-Dev-User": "u1" }),
    baseUrl: "http://tab.test",
    fetchImpl: async (input, init) => {
      const url = String(input);
      calls.push({ url: url.replace("http://tab.test", ""), method: init?.method ?? "GET", headers: init?.headers as Record<string, string>, ...(typeof init?.body === "string" ? { body: init.body } : {}) });
      return respond(url);
    },
  });
  return { api, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("api client: sessions", () => {
  it("uses the agreed paths, verbs and bodies", async () => {
    const { api, calls } = clientReturning(() => json(500, {}));
    const fail = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);
    await fail(api.sessions("c:1", { when: "past", limit: 20 }));
    await fail(api.session("c1", "s/1"));
    await fail(api.updateSession("c1", "s1", { joinUrl: null }));
    await fail(api.skipSession("c1", "s1", { reason: "holiday" }));
    await fail(api.restoreSession("c1", "s1"));
    await fail(api.moveSession("c1", "s1", { to: "2026-12-01T10:00" }));
    await fail(api.rsvp("c1", "s1", "going"));
    await fail(api.checkIn("c1", "s1", { win: "w", energy: 3 }));
    await fail(api.checkInSummary("c1", "s1"));
    await fail(api.feedback("c1", "s1", { usefulness: 4, willTry: "" }));
    await fail(api.rota("c1"));
    await fail(api.askSwap("c1", "s1", "u2"));
    await fail(api.decideSwap("c1", "sw1", "accept"));
    await fail(api.followUps("c1", { status: "done", mine: true }));
    await fail(api.followUps("c1"));
    await fail(api.createFollowUp("c1", { title: "T", ownerId: "u2", dueOn: "2026-12-01" }));
    await fail(api.updateFollowUp("c1", "f1", { status: "done" }));
    await fail(api.preferences("c1"));
    await fail(api.updatePreferences("c1", { awayUntil: null }));
    expect(calls.map((c) => `${c.method} ${c.url}${c.body ? ` ${c.body}` : ""}`)).toEqual([
      "GET /api/communities/c%3A1/sessions?when=past&limit=20",
      "GET /api/communities/c1/sessions/s%2F1",
      'PATCH /api/communities/c1/sessions/s1 {"joinUrl":null}',
      'POST /api/communities/c1/sessions/s1/skip {"reason":"holiday"}',
      "POST /api/communities/c1/sessions/s1/restore {}",
      'POST /api/communities/c1/sessions/s1/move {"to":"2026-12-01T10:00"}',
      'PUT /api/communities/c1/sessions/s1/rsvp {"answer":"going"}',
      'PUT /api/communities/c1/sessions/s1/checkin {"win":"w","energy":3}',
      "GET /api/communities/c1/sessions/s1/checkins",
      'PUT /api/communities/c1/sessions/s1/feedback {"usefulness":4,"willTry":""}',
      "GET /api/communities/c1/rota",
      'POST /api/communities/c1/sessions/s1/swaps {"toUserId":"u2"}',
      'POST /api/communities/c1/swaps/sw1/decision {"decision":"accept"}',
      "GET /api/communities/c1/followups?status=done&mine=true",
      "GET /api/communities/c1/followups?status=open",
      'POST /api/communities/c1/followups {"title":"T","ownerId":"u2","dueOn":"2026-12-01"}',
      'PATCH /api/communities/c1/followups/f1 {"status":"done"}',
      "GET /api/communities/c1/me/preferences",
      'PUT /api/communities/c1/me/preferences {"awayUntil":null}',
    ]);
  });

  it("fetches the .ics with the person's identity and keeps the server's file name", async () => {
    const ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    const { api, calls } = clientReturning(
      () => new Response(ics, { status: 200, headers: { "content-type": "text/calendar; charset=utf-8", "content-disposition": 'attachment; filename="weekly-check-in.ics"' } }),
    );
    const file = await api.sessionCalendar("c1", "s1");
    expect(calls[0]).toEqual({ url: "/api/communities/c1/sessions/s1/calendar.ics", method: "GET", headers: { Accept: "text/calendar", "X-Dev-User": "u1" } });
    expect(file.filename).toBe("weekly-check-in.ics");
    expect(file.blob.type).toMatch(/^text\/calendar/);
    await expect(file.blob.text()).resolves.toBe(ics);
  });

  it("turns a failed .ics request into the server's error", async () => {
    const { api } = clientReturning(() => json(404, { error: { code: "not_found", message: "The session was not found." } }));
    await expect(api.sessionCalendar("c1", "s1")).rejects.toMatchObject({ status: 404, code: "not_found", message: "The session was not found." });
  });

  it("reads file names from Content-Disposition, encoded or plain", () => {
    expect(filenameFrom("attachment; filename*=UTF-8''Caf%C3%A9%20check-in.ics", "x.ics")).toBe("Café check-in.ics");
    expect(filenameFrom('attachment; filename="a.ics"', "x.ics")).toBe("a.ics");
    expect(filenameFrom(null, "x.ics")).toBe("x.ics");
  });
});
