import { Suspense, lazy, useEffect, useMemo, useState } from "react";
import {
  FluentProvider,
  type Theme,
  makeStaticStyles,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from "@fluentui/react-components";
import { createApiClient, isApiError } from "./api/client";
import { ConfigurePage } from "./shell/ConfigurePage";
import { Shell } from "./shell/Shell";
import { ErrorState, LoadingState } from "./shell/states";
import { detectHost } from "./teams/detect";
import { type HostContext, HostAuthError, type ThemeName } from "./teams/host";
import { initialTheme } from "./teams/localHost";

const FLUENT_THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

const FocusManagerKeeper = lazy(() => import("./shell/FocusManagerKeeper"));

const OPEN_IN_TEAMS =
  "Practice Circles signs you in through Teams. Open it from the Practice Circles app in Teams; in a plain browser it works only on a local demo server.";

const useGlobalStyles = makeStaticStyles({
  "html, body": { margin: 0 },
});

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
});

/**
 * True once anything on the page uses Fluent's focus manager (tabster: tab lists, dialogs,
 * menus). While a modal dialog is open the manager hides the rest of the page, and it is
 * disposed when its last user unmounts. When a dialog unmounts together with every other user
 * (the library editor's "Discard changes" closes the dialog and leaves the editor at once), the
 * manager's pending clean-up is dropped and the whole tab stays aria-hidden="true" to screen
 * readers (microsoft/tabster#530). So from the first user on, one more stays mounted for good;
 * not before, so the first paint of the library list does not carry the manager.
 */
function useKeepFocusManager(): boolean {
  const [keep, setKeep] = useState(false);
  useEffect(() => {
    if (keep) return;
    const inUse = () => document.querySelector("[data-tabster]") !== null;
    if (inUse()) {
      setKeep(true);
      return;
    }
    const observer = new MutationObserver(() => inUse() && setKeep(true));
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-tabster"] });
    return () => observer.disconnect();
  }, [keep]);
  return keep;
}

/** Finds the host, follows its theme, and hands an authenticated API client to the shell. */
export function App() {
  useGlobalStyles();
  const styles = useStyles();
  const keepFocusManager = useKeepFocusManager();
  const search = useMemo(() => new URLSearchParams(window.location.search), []);
  const [theme, setTheme] = useState<ThemeName>(() => initialTheme(search));
  const [host, setHost] = useState<HostContext>();
  const [failure, setFailure] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const anonymous = createApiClient({ getAuthHeaders: async () => ({}) });
    const listDevUsers = () =>
      anonymous.devUsers().then(
        (r) => r.users,
        (error: unknown) => {
          // Only a local demo server offers demo people; anywhere else, sign-in is Teams' job.
          if (isApiError(error) && error.status >= 400 && error.status < 500) throw new HostAuthError(OPEN_IN_TEAMS);
          throw error;
        },
      );
    detectHost({ search, listDevUsers }).then(
      (found) => {
        if (!live) return;
        setHost(found);
        setTheme(found.theme);
      },
      (error: unknown) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [search, attempt]);

  useEffect(() => host?.onThemeChange(setTheme), [host]);

  useEffect(() => {
    document.documentElement.style.colorScheme = theme === "default" ? "light" : "dark";
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const api = useMemo(() => host && createApiClient({ getAuthHeaders: host.getAuthHeaders }), [host]);

  return (
    // The page styles sit on a div inside the provider: Fluent copies the provider's classes onto
    // its portals (dialogs, toasts), and a full-height portal would cover the page.
    <FluentProvider theme={FLUENT_THEMES[theme]}>
      <div className={styles.root}>
        {host && search.get("view") === "configure" ? (
          <ConfigurePage host={host} />
        ) : api && host ? (
          <Shell host={host} api={api} />
        ) : (
          <main>
            {failure ? (
              <ErrorState
                title="We couldn't start Practice Circles"
                error={failure}
                onRetry={() => {
                  setFailure(undefined);
                  setAttempt((n) => n + 1);
                }}
              />
            ) : (
              <LoadingState label="Getting things ready…" />
            )}
          </main>
        )}
      </div>
      {keepFocusManager && (
        <Suspense fallback={null}>
          <FocusManagerKeeper />
        </Suspense>
      )}
    </FluentProvider>
  );
}
