/**
 * The Teams side of the host: teams-js context, theme events and the SSO token.
 * Loaded on demand, so a plain browser never downloads the Teams SDKs.
 */
import { FrameContexts, app, authentication, pages } from "@microsoft/teams-js";
import { type HostContext, type TabSettings, type ThemeName, HostAuthError, parseSubPageId, toLocale, toThemeName } from "./host";

const SIGN_IN_FAILED =
  "Teams couldn't sign you in to Practice Circles. Reload the tab; if it keeps happening, ask your Teams admin to check the app's single sign-on setup.";

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No answer from the host within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * The SSO token for our API. With the Entra client id (passed by the manifest's
 * contentUrl as `clientId`) it goes through teamsfx's TeamsUserCredential, which
 * caches the token until shortly before expiry; without it, straight to teams-js.
 */
function ssoTokenSource(clientId: string | undefined): () => Promise<string> {
  type Credential = { getToken(scopes: string): Promise<{ token: string } | null> };
  let credential: Promise<Credential> | undefined;
  return async () => {
    try {
      if (clientId) {
        credential ??= import("@microsoft/teamsfx").then(
          ({ TeamsUserCredential }) =>
            new TeamsUserCredential({ clientId, initiateLoginEndpoint: `${window.location.origin}/auth-start.html` }),
        );
        const token = await (await credential).getToken("");
        if (token?.token) return token.token;
      }
      return await authentication.getAuthToken();
    } catch (error) {
      throw new HostAuthError(SIGN_IN_FAILED, { cause: error });
    }
  };
}

/**
 * Connects to the Teams host. Resolves to undefined when no host answers in time,
 * e.g. the tab's address was opened in a plain browser tab.
 */
export async function connectToTeams(search: URLSearchParams, timeoutMs: number): Promise<HostContext | undefined> {
  try {
    await withTimeout(app.initialize(), timeoutMs);
  } catch {
    return undefined;
  }
  const context = await app.getContext();
  const listeners = new Set<(theme: ThemeName) => void>();
  app.registerOnThemeChangeHandler((theme) => {
    const next = toThemeName(theme) ?? "default";
    listeners.forEach((listener) => listener(next));
  });
  void app.notifySuccess().catch(() => undefined);

  const getToken = ssoTokenSource(search.get("clientId")?.trim() || undefined);
  return {
    inTeams: true,
    theme: toThemeName(context.app.theme) ?? "default",
    locale: toLocale(context.app.locale) ?? toLocale(globalThis.navigator?.language) ?? "en-US",
    deepLink: parseSubPageId(context.page.subPageId),
    async getAuthHeaders() {
      return { Authorization: `Bearer ${await getToken()}` };
    },
    onThemeChange(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    enableTabSave: context.page.frameContext === FrameContexts.settings && pages.config.isSupported() ? enableTabSave : undefined,
  };
}

/** The setup page of a channel tab: Save becomes available at once and stores these settings. */
async function enableTabSave(settings: TabSettings): Promise<void> {
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config.setConfig(settings).then(
      () => saveEvent.notifySuccess(),
      (error: unknown) => saveEvent.notifyFailure(error instanceof Error ? error.message : "The tab settings were not saved."),
    );
  });
  pages.config.setValidityState(true);
}
