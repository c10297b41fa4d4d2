/**
 * The tab's only door to the server. Every response is checked against the shared
 * zod contracts, and every failure becomes an ApiError whose message can be shown
 * as is to the person using the tab.
 */
import { type z } from "zod";
import {
  type ARTIFACT_SORTS,
  type ArtifactCreateRequest,
  ArtifactHistoryResponse,
  ArtifactListResponse,
  ArtifactResponse,
  ArtifactTemplatesResponse,
  type ArtifactType,
  type ArtifactUpdateRequest,
  ArtifactVersionResponse,
  BuddiesOverview,
  type BuddyPreferencesUpdateRequest,
  BuddyPreferencesResponse,
  BuddySettingsResponse,
  ReflectionResponse,
  type BuddySettingsUpdateRequest,
  type CheckInRequest,
  CheckInResponse,
  CheckInSummaryResponse,
  CommunityResponse,
  DevUsersResponse,
  ErrorBody,
  type FeedbackRequest,
  type FollowUpCreateRequest,
  FollowUpListResponse,
  FollowUpResponse,
  type FollowUpUpdateRequest,
  MeResponse,
  type MoveRequest,
  PreferencesResponse,
  type PreferencesUpdateRequest,
  type ProposeRoundRequest,
  type ReflectionRequest,
  RotaResponse,
  RoundResponse,
  type RsvpAnswer,
  SessionListResponse,
  SessionResponse,
  type SessionUpdateRequest,
  type SkipRequest,
  type SwapDecisionRequest,
  SwapResponse,
  AnswerResponse,
  type CreatePracticeRequest,
  type CreatePromptRequest,
  EvidenceRulesResponse,
  type EvidenceRulesUpdateRequest,
  type MovePracticeRequest,
  PilotResponse,
  type PilotReportRequest,
  PostingResponse,
  PracticeResponse,
  PracticeTimelineView,
  ProgressMapView,
  type PromoteRequest,
  PromoteResponse,
  PromptBankView,
  PromptItemResponse,
  PromptSettingsResponse,
  type PromptSettingsUpdateRequest,
  ReflectionsFeedView,
  type RespondRequest,
  type StartPilotRequest,
  type UpdatePracticeRequest,
  type UpdatePromptRequest,
} from "../../../bot/src/contracts";
import { type CharterAcknowledgeRequest, type CharterUpdateRequest, CharterVersionView, CharterView, MemberRoleResponse, MembersView, NewcomerView, type Role } from "../../../bot/src/contracts";
import { EraseMeResponse, type ExportQuery, InsightsView } from "../../../bot/src/contracts";
import { HostAuthError } from "../teams/host";

// The buddies routes answer these shapes; the contracts name only their requests.

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached or we could not sign in. */
    readonly status: number,
    /** Stable id from the server (e.g. `not_found`) or one of ours: `network`, `bad_response`, `sign_in_failed`. */
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === "AbortError";

/** What we say when the server failed without telling us why. */
function fallbackMessage(status: number): string {
  if (status === 401) return "Your sign-in didn't go through. Reload the tab to sign in again.";
  if (status === 403) return "You don't have access to this. Ask your community lead to add you.";
  if (status === 404) return "We couldn't find that. It may have been removed.";
  if (status === 429) return "Lots of requests just now. Wait a moment, then try again.";
  if (status >= 500) return "Something went wrong on our side. Nothing was lost; try again in a moment.";
  return `The request failed (HTTP ${status}). Try again.`;
}

export type ArtifactSort = (typeof ARTIFACT_SORTS)[number];

export interface ArtifactPageQuery {
  limit?: number;
  continuationToken?: string | null;
  q?: string;
  type?: ArtifactType;
  priority?: string;
  author?: string;
  /** Updated on or after this calendar date (YYYY-MM-DD). */
  from?: string;
  /** Updated on or before this calendar date (YYYY-MM-DD). */
  to?: string;
  sort?: ArtifactSort;
  dueForReview?: boolean;
  /** Leads only: the recently deleted items. */
  deleted?: boolean;
}

interface RequestOptions {
  signal?: AbortSignal;
  anonymous?: boolean;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** What we ask for; JSON unless a route sends a file. */
  accept?: string;
}

export interface ReflectionsQuery {
  limit?: number;
  continuationToken?: string | null;
}

export interface SessionListQuery {
  when?: "upcoming" | "past";
  limit?: number;
}

export interface FollowUpQuery {
  status?: "open" | "done" | "all";
  mine?: boolean;
}

/** A file the server sent, ready to save. */
export interface Download {
  blob: Blob;
  filename: string;
}

/** The file name in a Content-Disposition header, if it names one we can use. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // Malformed: try the plain form.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? "");
  return plain?.[1]?.trim() || fallback;
}

export interface ApiClientOptions {
  getAuthHeaders: () => Promise<Record<string, string>>;
  /** Defaults to the page's origin: the server serves the tab and the API together. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient({ getAuthHeaders, baseUrl = "", fetchImpl = (...a) => fetch(...a) }: ApiClientOptions) {
  /** Sends one request and returns the response when it succeeded; every failure becomes an ApiError. */
  async function send(path: string, { signal, anonymous = false, method = "GET", body: payload, accept = "application/json" }: RequestOptions = {}): Promise<Response> {
    let auth: Record<string, string> = {};
    if (!anonymous) {
      try {
        auth = await getAuthHeaders();
      } catch (error) {
        if (isApiError(error) || isAbort(error)) throw error;
        const message = error instanceof HostAuthError ? error.message : "We couldn't sign you in. Reload the tab and try again.";
        throw new ApiError(0, "sign_in_failed", message);
      }
    }
    let response: Response;
    try {
      const sending = payload !== undefined;
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers: { Accept: accept, ...(sending ? { "Content-Type": "application/json" } : {}), ...auth },
        credentials: "same-origin",
        signal,
        ...(sending ? { body: JSON.stringify(payload) } : {}),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError(0, "network", "We can't reach Practice Circles right now. Check your connection, then try again.");
    }

    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = ErrorBody.safeParse(body);
      if (parsed.success) {
        const { code, message, field } = parsed.data.error;
        throw new ApiError(response.status, code, message, field);
      }
      throw new ApiError(response.status, `http_${response.status}`, fallbackMessage(response.status));
    }
    return response;
  }

  async function request<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
    const response = await send(path, options);
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      console.error(`Unexpected response from ${path}`, parsed.error.issues);
      throw new ApiError(response.status, "bad_response", "We got an answer we didn't understand. Reload the tab; if it keeps happening, tell your community lead.");
    }
    return parsed.data;
  }

  /** A file the server sends: typed as `type` when it did not say, named as it says or `fallbackName`. */
  async function download(path: string, { type, fallbackName, signal }: { type: string; fallbackName: string; signal?: AbortSignal }): Promise<Download> {
    const response = await send(path, { signal, accept: type });
    const blob = await response.blob();
    return { blob: blob.type ? blob : new Blob([blob], { type }), filename: filenameFrom(response.headers.get("Content-Disposition"), fallbackName) };
  }

  const community = (id: string) => `/api/communities/${encodeURIComponent(id)}`;
  const artifact = (communityId: string, id: string) => `${community(communityId)}/artifacts/${encodeURIComponent(id)}`;
  const session = (communityId: string, id: string) => `${community(communityId)}/sessions/${encodeURIComponent(id)}`;
  const round = (communityId: string, id: string) => `${community(communityId)}/buddies/rounds/${encodeURIComponent(id)}`;
  const practice = (communityId: string, id: string) => `${community(communityId)}/practices/${encodeURIComponent(id)}`;
  const pilot = (communityId: string, id: string) => `${community(communityId)}/pilots/${encodeURIComponent(id)}`;
  const prompt = (communityId: string, id: string) => `${community(communityId)}/prompts/${encodeURIComponent(id)}`;

  return {
    /** Who I am and the communities I belong to, with my role in each. */
    me: (signal?: AbortSignal) => request("/api/me", MeResponse, { signal }),
    /** Local mode only: the demo people. Needs no identity, so it can choose one. */
    devUsers: (signal?: AbortSignal) => request("/api/dev/users", DevUsersResponse, { signal, anonymous: true }),
    community: (id: string, signal?: AbortSignal) => request(community(id), CommunityResponse, { signal }),
    /** One page of the library (recently updated first unless `sort` says otherwise); pass the previous page's token to continue. */
    artifacts: (communityId: string, query: ArtifactPageQuery = {}, signal?: AbortSignal) => {
      const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
      if (query.continuationToken) params.set("continuationToken", query.continuationToken);
      if (query.q?.trim()) params.set("q", query.q.trim());
      if (query.type) params.set("type", query.type);
      if (query.priority) params.set("priority", query.priority);
      if (query.author) params.set("author", query.author);
      if (query.from) params.set("from", query.from);
      if (query.to) params.set("to", query.to);
      if (query.sort) params.set("sort", query.sort);
      if (query.dueForReview) params.set("dueForReview", "true");
      if (query.deleted) params.set("deleted", "true");
      return request(`${community(communityId)}/artifacts?${params}`, ArtifactListResponse, { signal });
    },
    /** One item in full. `track: false` reads it without counting an open (e.g. after saving it). */
    artifact: (communityId: string, id: string, { track = true }: { track?: boolean } = {}, signal?: AbortSignal) =>
      request(`${artifact(communityId, id)}${track ? "" : "?track=false"}`, ArtifactResponse, { signal }),
    createArtifact: (communityId: string, content: ArtifactCreateRequest) =>
      request(`${community(communityId)}/artifacts`, ArtifactResponse, { method: "POST", body: content }),
    /** Saves an edit on top of `baseVersion`; a 409 `edit_conflict` means someone saved first. */
    updateArtifact: (communityId: string, id: string, edit: ArtifactUpdateRequest) =>
      request(artifact(communityId, id), ArtifactResponse, { method: "PUT", body: edit }),
    deleteArtifact: (communityId: string, id: string) => request(artifact(communityId, id), ArtifactResponse, { method: "DELETE" }),
    undeleteArtifact: (communityId: string, id: string) =>
      request(`${artifact(communityId, id)}/undelete`, ArtifactResponse, { method: "POST", body: {} }),
    artifactHistory: (communityId: string, id: string, signal?: AbortSignal) =>
      request(`${artifact(communityId, id)}/versions`, ArtifactHistoryResponse, { signal }),
    artifactVersion: (communityId: string, id: string, version: number, signal?: AbortSignal) =>
      request(`${artifact(communityId, id)}/versions/${version}`, ArtifactVersionResponse, { signal }),
    /** Brings back an old version's content as a new version on top of `baseVersion`. */
    restoreArtifactVersion: (communityId: string, id: string, version: number, baseVersion: number) =>
      request(`${artifact(communityId, id)}/versions/${version}/restore`, ArtifactResponse, { method: "POST", body: { baseVersion } }),
    /** The starter content for every type, for "New item". */
    artifactTemplates: (signal?: AbortSignal) => request("/api/artifact-templates", ArtifactTemplatesResponse, { signal }),

    /** Upcoming (soonest first) or past sessions, with times to show in the reader's zone. */
    sessions: (communityId: string, { when = "upcoming", limit = 10 }: SessionListQuery = {}, signal?: AbortSignal) =>
      request(`${community(communityId)}/sessions?${new URLSearchParams({ when, limit: String(limit) })}`, SessionListResponse, { signal }),
    session: (communityId: string, id: string, signal?: AbortSignal) => request(session(communityId, id), SessionResponse, { signal }),
    /** Facilitators and leads: the agenda, format, theme, queued cases or join link. */
    updateSession: (communityId: string, id: string, change: SessionUpdateRequest) =>
      request(session(communityId, id), SessionResponse, { method: "PATCH", body: change }),
    skipSession: (communityId: string, id: string, skip: SkipRequest = {}) =>
      request(`${session(communityId, id)}/skip`, SessionResponse, { method: "POST", body: skip }),
    /** Undoes a skip or a move. */
    restoreSession: (communityId: string, id: string) => request(`${session(communityId, id)}/restore`, SessionResponse, { method: "POST", body: {} }),
    /** `move.to` is a wall-clock time in the session's own time zone. */
    moveSession: (communityId: string, id: string, move: MoveRequest) => request(`${session(communityId, id)}/move`, SessionResponse, { method: "POST", body: move }),
    rsvp: (communityId: string, id: string, answer: RsvpAnswer) => request(`${session(communityId, id)}/rsvp`, SessionResponse, { method: "PUT", body: { answer } }),
    checkIn: (communityId: string, id: string, answers: CheckInRequest) =>
      request(`${session(communityId, id)}/checkin`, CheckInResponse, { method: "PUT", body: answers }),
    /** Facilitators and leads: what people brought, private answers left out. */
    checkInSummary: (communityId: string, id: string, signal?: AbortSignal) => request(`${session(communityId, id)}/checkins`, CheckInSummaryResponse, { signal }),
    feedback: (communityId: string, id: string, answers: FeedbackRequest) =>
      request(`${session(communityId, id)}/feedback`, SessionResponse, { method: "PUT", body: answers }),
    /** The session as an .ics file. Fetched with the person's identity, so it works in Teams too. */
    sessionCalendar: (communityId: string, id: string, signal?: AbortSignal): Promise<Download> =>
      download(`${session(communityId, id)}/calendar.ics`, { type: "text/calendar", fallbackName: "session.ics", signal }),
    rota: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/rota`, RotaResponse, { signal }),
    askSwap: (communityId: string, sessionId: string, toUserId: string) =>
      request(`${session(communityId, sessionId)}/swaps`, SwapResponse, { method: "POST", body: { toUserId } }),
    decideSwap: (communityId: string, swapId: string, decision: SwapDecisionRequest["decision"]) =>
      request(`${community(communityId)}/swaps/${encodeURIComponent(swapId)}/decision`, SwapResponse, { method: "POST", body: { decision } }),
    /** Open (soonest due first), done, or all; `mine` for only the reader's own. */
    followUps: (communityId: string, { status = "open", mine = false }: FollowUpQuery = {}, signal?: AbortSignal) =>
      request(`${community(communityId)}/followups?${new URLSearchParams({ status, ...(mine ? { mine: "true" } : {}) })}`, FollowUpListResponse, { signal }),
    createFollowUp: (communityId: string, followUp: FollowUpCreateRequest) =>
      request(`${community(communityId)}/followups`, FollowUpResponse, { method: "POST", body: followUp }),
    updateFollowUp: (communityId: string, id: string, change: FollowUpUpdateRequest) =>
      request(`${community(communityId)}/followups/${encodeURIComponent(id)}`, FollowUpResponse, { method: "PATCH", body: change }),
    preferences: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/me/preferences`, PreferencesResponse, { signal }),
    updatePreferences: (communityId: string, change: PreferencesUpdateRequest) =>
      request(`${community(communityId)}/me/preferences`, PreferencesResponse, { method: "PUT", body: change }),

    /** My buddy and sprint, my buddy preferences, history, my circles; the draft round for facilitators and leads. */
    buddies: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/buddies`, BuddiesOverview, { signal }),
    /** Facilitators and leads: a new draft round, replacing any earlier draft. */
    proposeBuddyRound: (communityId: string, proposal: ProposeRoundRequest = {}) =>
      request(`${community(communityId)}/buddies/rounds`, RoundResponse, { method: "POST", body: proposal }),
    /** Swaps two people in different groups of a draft round. */
    swapInBuddyRound: (communityId: string, roundId: string, a: string, b: string) =>
      request(`${round(communityId, roundId)}/swap`, RoundResponse, { method: "POST", body: { a, b } }),
    /** Publishes a draft: each member gets an introduction card. */
    publishBuddyRound: (communityId: string, roundId: string) => request(`${round(communityId, roundId)}/publish`, RoundResponse, { method: "POST", body: {} }),
    discardBuddyRound: async (communityId: string, roundId: string): Promise<void> => {
      await send(`${round(communityId, roundId)}/discard`, { method: "POST", body: {} });
    },
    updateBuddyPreferences: (communityId: string, change: BuddyPreferencesUpdateRequest) =>
      request(`${community(communityId)}/buddies/me`, BuddyPreferencesResponse, { method: "PUT", body: change }),
    /** Facilitators and leads. */
    updateBuddySettings: (communityId: string, change: BuddySettingsUpdateRequest) =>
      request(`${community(communityId)}/buddies/settings`, BuddySettingsResponse, { method: "PUT", body: change }),
    buddyReflection: (communityId: string, roundId: string, reflection: ReflectionRequest) =>
      request(`${round(communityId, roundId)}/reflection`, ReflectionResponse, { method: "PUT", body: reflection }),

    /** The progress map: priorities × stages with their written rules, every practice with its evidence, and what I may do. */
    progressMap: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/practices`, ProgressMapView, { signal }),
    /** Facilitators and leads: a new practice, at concept. */
    createPractice: (communityId: string, practiceIn: CreatePracticeRequest) =>
      request(`${community(communityId)}/practices`, PracticeResponse, { method: "POST", body: practiceIn }),
    updatePractice: (communityId: string, id: string, change: UpdatePracticeRequest) => request(practice(communityId, id), PracticeResponse, { method: "PATCH", body: change }),
    /** One stage up or down with a reason; a 400 on `to` says why it may not move (not enough evidence, a skipped stage). */
    movePractice: (communityId: string, id: string, move: MovePracticeRequest) =>
      request(`${practice(communityId, id)}/move`, PracticeResponse, { method: "POST", body: move }),
    /** The practice with its pilots and what happened to it, oldest first. */
    practiceTimeline: (communityId: string, id: string, signal?: AbortSignal) => request(`${practice(communityId, id)}/timeline`, PracticeTimelineView, { signal }),
    startPilot: (communityId: string, practiceId: string, start: StartPilotRequest) =>
      request(`${practice(communityId, practiceId)}/pilots`, PilotResponse, { method: "POST", body: start }),
    /** The pilot's own manager only; reporting again replaces the report. */
    reportPilot: (communityId: string, pilotId: string, report: PilotReportRequest) =>
      request(`${pilot(communityId, pilotId)}/report`, PilotResponse, { method: "PUT", body: report }),
    withdrawPilot: (communityId: string, pilotId: string) => request(`${pilot(communityId, pilotId)}/withdraw`, PilotResponse, { method: "POST", body: {} }),
    /** Leads and facilitators: the numbers in the adopted and habit rules. */
    updateEvidenceRules: (communityId: string, change: EvidenceRulesUpdateRequest) =>
      request(`${community(communityId)}/practice-rules`, EvidenceRulesResponse, { method: "PUT", body: change }),

    /** The prompt bank, the cadence and when the next prompt goes out. */
    promptBank: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/prompts`, PromptBankView, { signal }),
    createPrompt: (communityId: string, promptIn: CreatePromptRequest) =>
      request(`${community(communityId)}/prompts`, PromptItemResponse, { method: "POST", body: promptIn }),
    /** Edits a prompt, or retires it and brings it back (`active`). */
    updatePrompt: (communityId: string, id: string, change: UpdatePromptRequest) => request(prompt(communityId, id), PromptItemResponse, { method: "PATCH", body: change }),
    /** Sends the prompt to everyone in the community now. */
    postPromptNow: (communityId: string, id: string) => request(`${prompt(communityId, id)}/post`, PostingResponse, { method: "POST", body: {} }),
    updatePromptSettings: (communityId: string, change: PromptSettingsUpdateRequest) =>
      request(`${community(communityId)}/prompt-settings`, PromptSettingsResponse, { method: "PUT", body: change }),
    /** The latest postings (first page only) and a page of responses, newest first; pass the previous page's token to continue. */
    reflections: (communityId: string, { limit = 20, continuationToken }: ReflectionsQuery = {}, signal?: AbortSignal) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (continuationToken) params.set("continuationToken", continuationToken);
      return request(`${community(communityId)}/reflections?${params}`, ReflectionsFeedView, { signal });
    },
    /** My answer to a posting; answering again replaces it. */
    answerPosting: (communityId: string, postingId: string, answer: RespondRequest) =>
      request(`${community(communityId)}/postings/${encodeURIComponent(postingId)}/answer`, AnswerResponse, { method: "PUT", body: answer }),
    /** Facilitators and leads: a response (or a check-in win) becomes a library item that links back to it. */
    promote: (communityId: string, what: PromoteRequest) => request(`${community(communityId)}/promotions`, PromoteResponse, { method: "POST", body: what }),

    // ── Charter, newcomer path, people and roles ──
    /** The charter, its versions, whether I have read it, and what I may do. */
    charter: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/charter`, CharterView, { signal }),
    /** Leads: saves on top of `baseVersion`; a 409 `edit_conflict` means someone saved first. */
    updateCharter: (communityId: string, edit: CharterUpdateRequest) => request(`${community(communityId)}/charter`, CharterView, { method: "PUT", body: edit }),
    /** "I've read it" for the current version (naming the version read refuses it when the charter changed meanwhile). */
    acknowledgeCharter: (communityId: string, ack: CharterAcknowledgeRequest = {}) =>
      request(`${community(communityId)}/charter/acknowledge`, CharterView, { method: "POST", body: ack }),
    charterVersion: (communityId: string, version: number, signal?: AbortSignal) =>
      request(`${community(communityId)}/charter/versions/${encodeURIComponent(String(version))}`, CharterVersionView, { signal }),
    /** The charter in brief, how sessions work, three starter items, who to ask. */
    newcomer: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/newcomer`, NewcomerView, { signal }),
    members: (communityId: string, signal?: AbortSignal) => request(`${community(communityId)}/members`, MembersView, { signal }),
    /** Leads: a 409 says why not (e.g. the last lead). */
    assignRole: (communityId: string, userId: string, role: Role) =>
      request(`${community(communityId)}/members/${encodeURIComponent(userId)}/role`, MemberRoleResponse, { method: "PUT", body: { role } }),

    // ── Insights, the quarterly export, and my data ──
    /** Participation and change over the last `months` months (this one included); values over fewer than SMALL_GROUP_MINIMUM people come back held back. */
    insights: (communityId: string, { months = 6 }: { months?: number } = {}, signal?: AbortSignal) =>
      request(`${community(communityId)}/insights?${new URLSearchParams({ months: String(months) })}`, InsightsView, { signal }),
    /** Leads, facilitators and sponsors: the quarter's numbers and stories as Markdown or CSV (the current quarter unless named). */
    exportInsights: (communityId: string, { format, quarter }: ExportQuery, signal?: AbortSignal): Promise<Download> =>
      download(`${community(communityId)}/insights/export?${new URLSearchParams({ format, ...(quarter ? { quarter } : {}) })}`, {
        type: format === "md" ? "text/markdown" : "text/csv",
        fallbackName: `insights-${quarter ?? "quarter"}.${format}`,
        signal,
      }),
    /** Everything I contributed in this community, as a JSON file. */
    myData: (communityId: string, signal?: AbortSignal): Promise<Download> =>
      download(`${community(communityId)}/me/data`, { type: "application/json", fallbackName: "my-contributions.json", signal }),
    /** Anonymises everything I contributed and ends my membership; `confirm` is my name as the community shows it. */
    eraseMe: (communityId: string, confirm: string) => request(`${community(communityId)}/me/erase`, EraseMeResponse, { method: "POST", body: { confirm } }),
  };
}
