/**
 * Shared pieces for the hardening tests: JSON requests as a demo person, timing, and a
 * simple percentile. The tests that drive traffic keep their own workloads.
 */
import { ErrorBody } from "../../bot/src/contracts";

export const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** What one API call came back with, for the tests' ledgers. */
export interface Answer {
  user: string;
  what: string;
  method: string;
  path: string;
  /** HTTP status, or 0 when the request never got an answer (socket error). */
  status: number;
  body: unknown;
  ms: number;
  /** When the answer came (epoch ms). */
  at: number;
  /** The socket-level failure, when there was one. */
  failure?: string;
}

/** fetch as a local dev identity (X-Dev-User), reading the JSON body and timing the call. */
export function client(baseUrl: string, user: string, ledger?: Answer[]) {
  return async (what: string, path: string, init: RequestInit = {}): Promise<Answer> => {
    const started = performance.now();
    const method = init.method ?? "GET";
    let answer: Answer;
    try {
      const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { "X-Dev-User": user, ...(init.headers as Record<string, string> | undefined) } });
      const text = await res.text();
      let body: unknown = text;
      if ((res.headers.get("content-type") ?? "").includes("json") && text) body = JSON.parse(text);
      answer = { user, what, method, path, status: res.status, body, ms: performance.now() - started, at: Date.now() };
    } catch (e) {
      answer = { user, what, method, path, status: 0, body: null, ms: performance.now() - started, at: Date.now(), failure: String((e as { cause?: unknown }).cause ?? e) };
    }
    ledger?.push(answer);
    return answer;
  };
}

/** The `{ error }` body of a failed answer, or null when it is not one. */
export function errorOf(answer: Pick<Answer, "body">): ErrorBody["error"] | null {
  const parsed = ErrorBody.safeParse(answer.body);
  return parsed.success ? parsed.data.error : null;
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a mixed-traffic person needs to know about the community to act like a member. */
export interface MixWorld {
  baseUrl: string;
  communityId: string;
  /** The next session: RSVPs and check-ins go here (it must not start during the run). */
  sessionId: string;
  /** Library items everyone may read. */
  readableArtifactIds: string[];
  /** A prompt posting people answer. */
  postingId: string;
}

export interface MixOptions {
  userId: string;
  random: () => number;
  /** Stop starting new requests after this time (epoch ms). */
  endAt: number;
  /** Pause between one answer and the next request, in ms (uniform). */
  thinkMs: [number, number];
  /** New library items and follow-ups this person may create; after that they edit what they have. */
  maxCreates: number;
  /** Edits of their library items (each adds a version to the item's history); after that they read them. Default: no limit. */
  maxEdits?: number;
  record(answer: Answer): void;
}

/**
 * One member using the tab for a while: mostly reading (sessions, the library, reflections,
 * practices), sometimes writing (RSVPs, check-ins, preferences, prompt answers, their own
 * library items with the version they last saw, a follow-up). Every request is one a real
 * member may make, so any non-2xx is an error. Creates are capped: after `maxCreates` the
 * person edits instead, so the data grows by edits' versions only (capped by `maxEdits`).
 */
export async function mixedUser(world: MixWorld, o: MixOptions): Promise<void> {
  const C = `/api/communities/${world.communityId}`;
  const as = client(world.baseUrl, o.userId);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(o.random() * items.length)]!;
  const short = o.userId.replace(/^aad-user-/, "");
  let creates = 0;
  let edits = 0;
  let rsvp = o.random() < 0.5;
  let reminders = o.random() < 0.5;
  const mine: { id: string; version: number }[] = [];
  let followUp: { id: string; done: boolean } | null = null;
  let n = 0;

  const body = (a: Answer) => a.body as Record<string, unknown>;
  const actions: [number, () => Promise<Answer>][] = [
    [8, () => as("me", "/api/me")],
    [4, () => as("community", C)],
    [10, () => as("sessions", `${C}/sessions?limit=6`)],
    [10, () => as("library", `${C}/artifacts?limit=20`)],
    [10, () => as("read item", `${C}/artifacts/${pick(world.readableArtifactIds)}`)],
    [6, () => as("reflections", `${C}/reflections?limit=20`)],
    [5, () => as("practices", `${C}/practices`)],
    [3, () => as("prompts", `${C}/prompts`)],
    [4, () => as("follow-ups", `${C}/followups`)],
    [3, () => as("rota", `${C}/rota`)],
    [
      6,
      () => {
        rsvp = !rsvp;
        return as("rsvp", `${C}/sessions/${world.sessionId}/rsvp`, json("PUT", { answer: rsvp ? "going" : "not-going" }));
      },
    ],
    [5, () => as("check in", `${C}/sessions/${world.sessionId}/checkin`, json("PUT", { win: `${short}: win ${++n}`, energy: 1 + Math.floor(o.random() * 5) }))],
    [
      3,
      () => {
        reminders = !reminders;
        return as("preferences", `${C}/me/preferences`, json("PUT", { personalReminders: reminders }));
      },
    ],
    [4, () => as("answer prompt", `${C}/postings/${world.postingId}/answer`, json("PUT", { answer: `${short}: answer ${++n}` }))],
    [
      4,
      async () => {
        if (creates < o.maxCreates && (mine.length === 0 || o.random() < 0.5)) {
          creates++;
          const a = await as("create item", `${C}/artifacts`, json("POST", item(`${short} item ${creates}`, "first")));
          if (a.status === 201) mine.push({ id: String(body(a).id), version: Number(body(a).version) });
          return a;
        }
        const own = mine.length ? pick(mine) : null;
        if (!own) return as("library", `${C}/artifacts?limit=20`);
        if (edits >= (o.maxEdits ?? Infinity)) return as("read item", `${C}/artifacts/${own.id}`);
        edits++;
        const a = await as("edit item", `${C}/artifacts/${own.id}`, json("PUT", { ...item(`${short} item`, `edit ${++n}`), baseVersion: own.version }));
        if (a.status === 200) own.version = Number(body(a).version);
        return a;
      },
    ],
    [
      3,
      async () => {
        if (!followUp && creates < o.maxCreates) {
          creates++;
          const a = await as("create follow-up", `${C}/followups`, json("POST", { title: `${short}: send the notes`, ownerId: o.userId, dueOn: "2026-12-18" }));
          if (a.status === 201) followUp = { id: String((body(a).followUp as { id: string }).id), done: false };
          return a;
        }
        if (!followUp) return as("follow-ups", `${C}/followups`);
        const current: { id: string; done: boolean } = followUp;
        current.done = !current.done;
        return as("follow-up status", `${C}/followups/${current.id}`, json("PATCH", { status: current.done ? "done" : "open" }));
      },
    ],
  ];
  const total = actions.reduce((sum, [w]) => sum + w, 0);

  while (Date.now() < o.endAt) {
    let r = o.random() * total;
    const action = actions.find(([w]) => (r -= w) < 0)?.[1] ?? actions[0]![1];
    o.record(await action());
    await sleep(o.thinkMs[0] + o.random() * (o.thinkMs[1] - o.thinkMs[0]));
  }
}

function item(title: string, summary: string) {
  return {
    title,
    summary,
    body: "Steps that worked for us.",
    fields: { type: "checklist", items: [{ text: "Agree the goal" }, { text: "Check in after a week" }] },
    priorities: ["feedback"],
    topics: ["conversations"],
  };
}
