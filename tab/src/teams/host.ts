/**
 * What the rest of the tab knows about where it runs. Everything that depends on the
 * Teams host (context, theme, SSO) sits behind this interface, so the Teams SDKs stay
 * in this folder and the app also runs in a plain browser (local mode).
 */
export type ThemeName = "default" | "dark" | "contrast";

export interface HostContext {
  /** True when the Teams SDK initialised: we are inside Teams (desktop, web or mobile). */
  readonly inTeams: boolean;
  readonly theme: ThemeName;
  /** A BCP 47 locale for dates and numbers, e.g. "en-GB". */
  readonly locale: string;
  /** An item to open first: Teams `page.subPageId` from a deep link, or `?item=` (and `?community=`) locally. */
  readonly deepLink?: DeepLink;
  /** Local mode only: the demo identity the API is called as, when it was chosen in the URL. */
  readonly devUserId?: string;
  /** Headers that identify the user to our API: a Teams SSO bearer token, or the dev identity. */
  getAuthHeaders(): Promise<Record<string, string>>;
  /** Calls `handler` when the host theme changes; returns a function that stops listening. */
  onThemeChange(handler: (theme: ThemeName) => void): () => void;
  /**
   * Teams only, on a configurable tab's setup page: lets the person press Save, and saves
   * these settings when they do. Undefined where there is nothing to configure (local mode).
   */
  readonly enableTabSave?: (settings: TabSettings) => Promise<void>;
}

/** The library item a link points at; the community when the link names one. */
export interface DeepLink {
  readonly itemId: string;
  readonly communityId?: string;
}

/** What a channel tab remembers: where its content lives and what to call it. */
export interface TabSettings {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

const ID = /^[A-Za-z0-9._:@-]{1,200}$/;
// As the server's links write it: community ids may hold ":" (Teams ids do), item ids are ours and do not.
const SUB_PAGE = /^artifact:([A-Za-z0-9._:@-]{1,200}):([A-Za-z0-9._@-]{1,200})$/;

/**
 * Reads a Teams sub-page id: `artifact:<communityId>:<itemId>` as the server's links write
 * it, or a bare item id from older links. Anything else is ignored.
 */
export function parseSubPageId(value: string | null | undefined): DeepLink | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const match = SUB_PAGE.exec(text);
  if (match) return { communityId: match[1]!, itemId: match[2]! };
  return ID.test(text) && !text.startsWith("artifact:") ? { itemId: text } : undefined;
}

/** Raised when the host cannot tell us who the user is. The message is safe to show. */
export class HostAuthError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HostAuthError";
  }
}

export const THEMES: readonly ThemeName[] = ["default", "dark", "contrast"];

/** Maps any theme name a host may send ("glass" or future ones included) onto ours. */
export function toThemeName(value: string | null | undefined): ThemeName | undefined {
  return THEMES.find((t) => t === value);
}

/** A locale the browser can format with, or undefined. */
export function toLocale(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}
