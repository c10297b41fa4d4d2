/** The tab's API client: contract parsing and the errors people get to read. */
import { ApiError, createApiClient } from "../../tab/src/api/client";
import { HostAuthError } from "../../tab/src/teams/host";

type Call = { url: string; headers: Record<string, string>; method?: string; body?: string };

function clientReturning(respond: (url: string) => Response | Promise<Response>, getAuthHeaders = async () => ({ "X-Dev-User": "u1" })) {
  const calls: Call[] = [];
  const api = createApiClient({
    getAuthHeaders,
    baseUrl: "http://tab.test",
    fetchImpl: async (input, init) => {
      const url = String(input);
      calls.push({ url, headers: init?.headers as Record<string, string>, ...(init?.method && init.method !== "GET" ? { method: init.method } : {}), ...(typeof init?.body === "string" ? { body: init.body } : {}) });
      return respond(url);
    },
  });
  return { api, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const me = { user: { id: "u1", tenantId: "t1", displayName: "Ana" }, communities: [{ id: "c1", name: "Circle", role: "lead" }] };

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("api client", () => {
  it("sends the host's identity headers and returns the parsed body", async () => {
    const { api, calls } = clientReturning(() => json(200, me));
    await expect(api.me()).resolves.toEqual(me);
    expect(calls[0]).toEqual({ url: "http://tab.test/api/me", headers: { Accept: "application/json", "X-Dev-User": "u1" } });
  });

  it("asks for the dev users without any identity", async () => {
    const { api, calls } = clientReturning(() => json(200, { users: [] }), async () => {
      throw new Error("must not be called");
    });
    await expect(api.devUsers()).resolves.toEqual({ users: [] });
    expect(calls[0]!.headers).toEqual({ Accept: "application/json" });
  });

  it("builds the library query: limit, token, trimmed search and type", async () => {
    const { api, calls } = clientReturning(() => json(200, { items: [], continuationToken: null }));
    await api.artifacts("com/1", { continuationToken: "tok+/=", q: "  one on one ", type: "checklist" });
    await api.artifacts("c1", { q: "   " });
    expect(calls[0]!.url).toBe("http://tab.test/api/communities/com%2F1/artifacts?limit=50&continuationToken=tok%2B%2F%3D&q=one+on+one&type=checklist");
    expect(calls[1]!.url).toBe("http://tab.test/api/communities/c1/artifacts?limit=50");
  });

  it("turns the server's error body into an ApiError with its code, message and field", async () => {
    const { api } = clientReturning(() => json(400, { error: { code: "bad_request", message: "q: must be at most 200 characters", field: "q" } }));
    const error = await failure(api.artifacts("c1", { q: "x" }));
    expect(error).toMatchObject({ status: 400, code: "bad_request", message: "q: must be at most 200 characters", field: "q" });
  });

  it("explains failures that carry no error body", async () => {
    const { api } = clientReturning(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    const error = await failure(api.me());
    expect(error).toMatchObject({ status: 502, code: "http_502" });
    expect(error.message).toMatch(/try again/i);
  });

  it("rejects answers that break the contract instead of rendering them", async () => {
    const { api } = clientReturning(() => json(200, { items: [{ id: "a1" }], continuationToken: null }));
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const error = await failure(api.artifacts("c1"));
    spy.mockRestore();
    expect(error).toMatchObject({ code: "bad_response" });
  });

  it("reports an unreachable server as a network problem", async () => {
    const { api } = clientReturning(() => Promise.reject(new TypeError("fetch failed")));
    const error = await failure(api.me());
    expect(error).toMatchObject({ status: 0, code: "network" });
  });

  it("passes on why the host could not sign the user in", async () => {
    const { api } = clientReturning(() => json(200, me), async () => {
      throw new HostAuthError("Teams couldn't sign you in.");
    });
    const error = await failure(api.me());
    expect(error).toMatchObject({ status: 0, code: "sign_in_failed", message: "Teams couldn't sign you in." });
  });

  it("lets an abort through untouched", async () => {
    const { api } = clientReturning(() => Promise.reject(new DOMException("aborted", "AbortError")));
    await expect(api.me()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("adds every filter the library offers to the query", async () => {
    const { api, calls } = clientReturning(() => json(200, { items: [], continuationToken: null }));
    await api.artifacts("c1", { priority: "feedback", author: "u:2", from: "2026-01-01", to: "2026-02-01", sort: "opened", dueForReview: true, deleted: true });
    expect(calls[0]!.url).toBe("http://tab.test/api/communities/c1/artifacts?limit=50&priority=feedback&author=u%3A2&from=2026-01-01&to=2026-02-01&sort=opened&dueForReview=true&deleted=true");
  });

  it("reads an item with or without counting the open", async () => {
    const { api, calls } = clientReturning(() => json(404, { error: { code: "not_found", message: "The library item was not found." } }));
    await failure(api.artifact("c1", "a/1"));
    await failure(api.artifact("c1", "a1", { track: false }));
    expect(calls.map((c) => c.url)).toEqual(["http://tab.test/api/communities/c1/artifacts/a%2F1", "http://tab.test/api/communities/c1/artifacts/a1?track=false"]);
  });

  it("sends edits as JSON with the version they started from, and surfaces a conflict", async () => {
    const { api, calls } = clientReturning(() => json(409, { error: { code: "edit_conflict", message: "Someone saved a newer version (version 3) since you opened it." } }));
    const edit = { title: "T", fields: { type: "template" as const, whenToUse: "" }, baseVersion: 2 };
    const error = await failure(api.updateArtifact("c1", "a1", edit));
    expect(error).toMatchObject({ status: 409, code: "edit_conflict" });
    expect(calls[0]).toEqual({
      url: "http://tab.test/api/communities/c1/artifacts/a1",
      method: "PUT",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-Dev-User": "u1" },
      body: JSON.stringify(edit),
    });
  });

  it("uses the right verbs for delete, undo, history and restore", async () => {
    const { api, calls } = clientReturning(() => json(500, {}));
    await failure(api.deleteArtifact("c1", "a1"));
    await failure(api.undeleteArtifact("c1", "a1"));
    await failure(api.artifactHistory("c1", "a1"));
    await failure(api.artifactVersion("c1", "a1", 2));
    await failure(api.restoreArtifactVersion("c1", "a1", 1, 4));
    await failure(api.artifactTemplates());
    expect(calls.map((c) => `${c.method ?? "GET"} ${c.url.replace("http://tab.test", "")}${c.body ? ` ${c.body}` : ""}`)).toEqual([
      "DELETE /api/communities/c1/artifacts/a1",
      "POST /api/communities/c1/artifacts/a1/undelete {}",
      "GET /api/communities/c1/artifacts/a1/versions",
      "GET /api/communities/c1/artifacts/a1/versions/2",
      "POST /api/communities/c1/artifacts/a1/versions/1/restore {\"baseVersion\":4}",
      "GET /api/artifact-templates",
    ]);
  });
});
