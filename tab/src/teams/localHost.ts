import { type DeepLink, type HostContext, type ThemeName, HostAuthError, toLocale, toThemeName } from "./host";

export interface LocalHostOptions {
  search: URLSearchParams;
  /** Returns the demo people the local server offers; the first one is used when none was chosen. */
  listDevUsers: () => Promise<{ userId: string }[]>;
}

const DARK = "(prefers-color-scheme: dark)";
const FORCED = "(forced-colors: active)";

/** The OS preference: forced colours win over dark mode. */
export function systemTheme(): ThemeName {
  if (typeof matchMedia !== "function") return "default";
  if (matchMedia(FORCED).matches) return "contrast";
  return matchMedia(DARK).matches ? "dark" : "default";
}

/** The theme to paint before the host answers: `?theme=` first, then the OS. */
export function initialTheme(search: URLSearchParams): ThemeName {
  return toThemeName(search.get("theme")) ?? systemTheme();
}

function deepLinkFrom(search: URLSearchParams): DeepLink | undefined {
  const itemId = search.get("item")?.trim();
  if (!itemId) return undefined;
  const communityId = search.get("community")?.trim();
  return communityId ? { itemId, communityId } : { itemId };
}

/**
 * A plain browser against a local server. Identity is `?devUser=<userId>` (sent as
 * `X-Dev-User`), else the first demo person; the server accepts this only on loopback.
 * Theme is `?theme=default|dark|contrast`, else the OS preference, which is followed live.
 */
export function createLocalHost({ search, listDevUsers }: LocalHostOptions): HostContext {
  const chosen = search.get("devUser")?.trim() || undefined;
  const forcedTheme = toThemeName(search.get("theme"));
  let userId: Promise<string> | undefined;

  const resolveUser = (): Promise<string> => {
    if (chosen) return Promise.resolve(chosen);
    userId ??= listDevUsers().then((users) => {
      const first = users[0];
      if (!first) throw new HostAuthError("This local server has no demo people yet. Restart it with the demo data switched on, or add ?devUser=<id> to the address.");
      return first.userId;
    });
    // A failed lookup is retried on the next call rather than cached.
    userId.catch(() => (userId = undefined));
    return userId;
  };

  return {
    inTeams: false,
    theme: forcedTheme ?? systemTheme(),
    locale: toLocale(search.get("locale")) ?? toLocale(globalThis.navigator?.language) ?? "en-US",
    deepLink: deepLinkFrom(search),
    devUserId: chosen,
    async getAuthHeaders() {
      return { "X-Dev-User": await resolveUser() };
    },
    onThemeChange(handler) {
      if (forcedTheme || typeof matchMedia !== "function") return () => undefined;
      const queries = [matchMedia(DARK), matchMedia(FORCED)];
      const listener = () => handler(systemTheme());
      queries.forEach((q) => q.addEventListener("change", listener));
      return () => queries.forEach((q) => q.removeEventListener("change", listener));
    },
  };
}
