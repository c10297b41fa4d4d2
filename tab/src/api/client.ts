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
  CommunityResponse,
  DevUsersResponse,
  ErrorBody,
  MeResponse,
} from "../../../bot/src/contracts";
import { HostAuthError } from "../teams/host";

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
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
}

export interface ApiClientOptions {
  getAuthHeaders: () => Promise<Record<string, string>>;
  /** Defaults to the page's origin: the server serves the tab and the API together. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient({ getAuthHeaders, baseUrl = "", fetchImpl = (...a) => fetch(...a) }: ApiClientOptions) {
  async function request<S extends z.ZodType>(
    path: string,
    schema: S,
    { signal, anonymous = false, method = "GET", body: payload }: RequestOptions = {},
  ): Promise<z.infer<S>> {
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
        headers: { Accept: "application/json", ...(sending ? { "Content-Type": "application/json" } : {}), ...auth },
        credentials: "same-origin",
        signal,
        ...(sending ? { body: JSON.stringify(payload) } : {}),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError(0, "network", "We can't reach Practice Circles right now. Check your connection, then try again.");
    }

    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(body);
      if (parsed.success) {
        const { code, message, field } = parsed.data.error;
        throw new ApiError(response.status, code, message, field);
      }
      throw new ApiError(response.status, `http_${response.status}`, fallbackMessage(response.status));
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      console.error(`Unexpected response from ${path}`, parsed.error.issues);
      throw new ApiError(response.status, "bad_response", "We got an answer we didn't understand. Reload the tab; if it keeps happening, tell your community lead.");
    }
    return parsed.data;
  }

  const community = (id: string) => `/api/communities/${encodeURIComponent(id)}`;
  const artifact = (communityId: string, id: string) => `${community(communityId)}/artifacts/${encodeURIComponent(id)}`;

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
  };
}
