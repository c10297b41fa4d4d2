import { Component, type MouseEvent, type ReactNode, Suspense, useEffect, useState } from "react";
import { Badge, Field, Link, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type MeResponse, type Role } from "../../../bot/src/contracts";
import { type ApiClient, isApiError } from "../api/client";
import { shellUrl } from "../lib/address";
import { useAsync } from "../lib/useAsync";
import { type MyCommunity, SCENES, type Scene, sceneFromHash } from "../scenes";
import { type HostContext } from "../teams/host";
import { EmptyState, ErrorState, LoadingState } from "./states";

const ROLE_LABELS: Record<Role, string> = { member: "Member", facilitator: "Facilitator", lead: "Lead", sponsor: "Sponsor" };

const useStyles = makeStyles({
  page: { minHeight: "100vh", display: "flex", flexDirection: "column" },
  skip: {
    position: "absolute",
    left: tokens.spacingHorizontalM,
    top: "-100px",
    zIndex: 1,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    ":focus": { top: tokens.spacingVerticalS },
  },
  header: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  inner: { maxWidth: "1040px", margin: "0 auto", boxSizing: "border-box", padding: `0 ${tokens.spacingHorizontalXL}` },
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalL,
    paddingTop: tokens.spacingVerticalM,
  },
  identity: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  title: { margin: 0, overflowWrap: "anywhere" },
  who: { color: tokens.colorNeutralForeground2, display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  picker: { minWidth: "220px" },
  navList: { display: "flex", gap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyle: "none" },
  navLink: {
    display: "inline-block",
    padding: `${tokens.spacingVerticalS} 0`,
    marginTop: tokens.spacingVerticalS,
    color: tokens.colorNeutralForeground2,
    textDecoration: "none",
    fontWeight: tokens.fontWeightRegular,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ":hover": { color: tokens.colorNeutralForeground1, textDecoration: "none" },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px", borderRadius: tokens.borderRadiusSmall },
  },
  navCurrent: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorCompoundBrandStroke },
  main: {
    flex: 1,
    width: "100%",
    maxWidth: "1040px",
    boxSizing: "border-box",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXXL}`,
    ":focus": { outline: "none" },
  },
  devList: { margin: `${tokens.spacingVerticalS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** The frame around every scene: who I am, which community, where to go. */
export function Shell({ host, api }: { host: HostContext; api: ApiClient }) {
  const styles = useStyles();
  const me = useAsync((signal) => api.me(signal), [api]);

  if (me.status !== "ready") {
    return (
      <main className={styles.main}>
        {me.status === "loading" ? <LoadingState label="Opening Practice Circles…" /> : <IdentityError host={host} api={api} error={me.error} onRetry={me.retry} />}
      </main>
    );
  }
  if (me.data.communities.length === 0) {
    return (
      <main className={styles.main}>
        <EmptyState title={`Welcome, ${me.data.user.displayName}`}>
          You're not part of a manager community yet. Ask your community lead to add you, or add Practice Circles to
          your team in Teams to start one.
        </EmptyState>
      </main>
    );
  }
  return <CommunityFrame host={host} api={api} user={me.data.user} communities={me.data.communities as [MyCommunity, ...MyCommunity[]]} />;
}

function CommunityFrame({
  host,
  api,
  user,
  communities,
}: {
  host: HostContext;
  api: ApiClient;
  user: MeResponse["user"];
  communities: [MyCommunity, ...MyCommunity[]];
}) {
  const styles = useStyles();
  const [communityId, setCommunityId] = useState(() => {
    const wanted = new URLSearchParams(window.location.search).get("community") ?? host.deepLink?.communityId;
    return communities.find((c) => c.id === wanted)?.id ?? communities[0].id;
  });
  const community = communities.find((c) => c.id === communityId) ?? communities[0];
  const details = useAsync((signal) => api.community(community.id, signal), [api, community.id]);

  const [scene, setScene] = useState<Scene>(() => sceneFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => setScene(sceneFromHash(window.location.hash));
    // Back and Forward across an entry whose query changed too fire only popstate, not hashchange.
    window.addEventListener("hashchange", follow);
    window.addEventListener("popstate", follow);
    return () => {
      window.removeEventListener("hashchange", follow);
      window.removeEventListener("popstate", follow);
    };
  }, []);

  // A scene's place (an open item, filters) belongs to its community: switching starts afresh.
  const chooseCommunity = (id: string) => {
    setCommunityId(id);
    const url = shellUrl();
    url.searchParams.set("community", id);
    window.history.replaceState(null, "", url);
  };

  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById("main")?.focus();
  };

  const SceneComponent = scene.Component;
  return (
    <div className={styles.page}>
      <a href="#main" className={styles.skip} onClick={skipToMain}>
        Skip to content
      </a>
      <header className={styles.header}>
        <div className={mergeClasses(styles.inner, styles.bar)}>
          <div className={styles.identity}>
            <Text as="h1" size={500} weight="semibold" className={styles.title}>
              {community.name}
            </Text>
            <Text size={200} className={styles.who}>
              <span data-testid="current-user">{user.displayName}</span>
              <span aria-hidden="true">·</span>
              <span>{ROLE_LABELS[community.role]}</span>
              {!host.inTeams && (
                <Badge appearance="outline" color="informative" size="small">
                  Local demo
                </Badge>
              )}
            </Text>
          </div>
          {communities.length > 1 && (
            <Field label="Community" className={styles.picker}>
              <Select value={community.id} onChange={(_, data) => chooseCommunity(data.value)}>
                {communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
        <nav aria-label="Sections" className={styles.inner}>
          <ul className={styles.navList}>
            {SCENES.map((s) => (
              <li key={s.id}>
                <a
                  href={`#/${s.id}`}
                  className={mergeClasses(styles.navLink, s.id === scene.id && styles.navCurrent)}
                  aria-current={s.id === scene.id ? "page" : undefined}
                >
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        <SceneBoundary key={`${scene.id}:${community.id}`}>
          <Suspense fallback={<LoadingState label={`Opening ${scene.label}…`} />}>
            <SceneComponent api={api} host={host} community={community} user={user} details={details.data} />
          </Suspense>
        </SceneBoundary>
      </main>
    </div>
  );
}

/** Why we could not tell who you are, and in local mode, who you could be instead. */
function IdentityError({ host, api, error, onRetry }: { host: HostContext; api: ApiClient; error: unknown; onRetry: () => void }) {
  const styles = useStyles();
  const unknownDevUser = !host.inTeams && host.devUserId && isApiError(error) && [401, 403, 404].includes(error.status);
  const people = useAsync((signal) => (unknownDevUser ? api.devUsers(signal) : Promise.resolve(null)), [api, unknownDevUser]);
  if (!unknownDevUser) return <ErrorState title="We couldn't open Practice Circles" error={error} onRetry={onRetry} />;

  const linkFor = (userId: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set("devUser", userId);
    return url.toString();
  };
  return (
    <ErrorState
      title={`We don't know “${host.devUserId}”`}
      message={`No demo person has the id “${host.devUserId}”. Check devUser in the address, or continue as someone below.`}
    >
      <div>
        {people.status === "ready" && people.data && (
          <ul className={styles.devList}>
            {people.data.users.slice(0, 12).map((u) => (
              <li key={u.userId}>
                <Link href={linkFor(u.userId)}>{u.displayName}</Link>
                {` — ${ROLE_LABELS[u.role]}, ${u.department}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </ErrorState>
  );
}

/** Keeps a failing scene (or a chunk that no longer exists after a deploy) from blanking the tab. */
class SceneBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorState
          title="This page didn't load"
          error={this.state.error}
          onRetry={() => window.location.reload()}
        />
      );
    }
    return this.props.children;
  }
}
