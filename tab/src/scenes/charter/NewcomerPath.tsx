import { type ReactNode } from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ARTIFACT_TYPE_LABELS, type ArtifactType, ROLE_LABELS } from "../../../../bot/src/contracts";
import { formatDateTime } from "../../lib/format";
import { useAsync } from "../../lib/useAsync";
import { ErrorState, LoadingState } from "../../shell/states";
import { LibraryItemLink } from "../library/LibraryItemLink";
import { cardSurface, plainList, sectionHeading } from "../sessions/surface";
import { type CharterEnv } from "./env";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "880px" },
  intro: { color: tokens.colorNeutralForeground2 },
  steps: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  step: { ...cardSurface, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}` },
  heading: sectionHeading,
  text: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  items: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
});

const typeLabel = (type: string) => ARTIFACT_TYPE_LABELS[type as ArtifactType] ?? type;

/** One step of the path: a numbered card with its heading (the id names it for its list item's section). */
function Step({ id, number, title, children }: { id: string; number: number; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <li>
      <section className={styles.step} aria-labelledby={id}>
        <h3 id={id} className={styles.heading}>
          {number}. {title}
        </h3>
        {children}
      </section>
    </li>
  );
}

/** The first steps in the community, the same path as the welcome card in Teams: charter in brief, sessions, what to read first, who to ask. */
export default function NewcomerPath({ env, onReadCharter }: { env: CharterEnv; onReadCharter: () => void }) {
  const styles = useStyles();
  const found = useAsync((signal) => env.api.newcomer(env.communityId, signal), [env.api, env.communityId]);
  if (found.status === "loading") return <LoadingState label="Loading your first steps…" />;
  if (found.status === "error") return <ErrorState title="We couldn't load your first steps" error={found.error} onRetry={found.retry} />;
  const view = found.data;
  const { charter, sessions } = view;
  const acknowledged = charter.myAcknowledgedVersion === charter.version;

  return (
    <div className={styles.view} data-testid="newcomer">
      <Text className={styles.intro}>New to {view.communityName}? Four steps most people take in their first weeks. The welcome card in Teams has the same path.</Text>
      <ol className={styles.steps}>
        <Step id="newcomer-charter" number={1} title="Our charter in brief">
          {charter.purpose ? <p className={styles.text}>{charter.purpose}</p> : <Text className={styles.muted}>The charter hasn't been written yet.</Text>}
          {charter.norms.length > 0 && (
            <>
              <Text weight="semibold">How we work together</Text>
              <ul className={styles.list}>
                {charter.norms.map((n, i) => (
                  <li key={`${i}-${n}`}>{n}</li>
                ))}
              </ul>
            </>
          )}
          {charter.version > 0 && (
            <div className={styles.actions}>
              <Button onClick={onReadCharter} appearance={acknowledged ? "secondary" : "primary"}>
                Read the full charter
              </Button>
              <Text className={styles.muted} data-testid="newcomer-ack">
                {acknowledged ? `You acknowledged version ${charter.version}.` : `Once you've read it, say so on the charter (version ${charter.version}).`}
              </Text>
            </div>
          )}
        </Step>
        <Step id="newcomer-sessions" number={2} title="How sessions work">
          {sessions.cadence && <p className={styles.text}>{sessions.cadence}</p>}
          {sessions.series.length > 0 ? (
            <ul className={styles.list} data-testid="newcomer-series">
              {sessions.series.map((s) => (
                <li key={s.title}>
                  <Text weight="semibold">{s.title}</Text>: {s.when}
                </li>
              ))}
            </ul>
          ) : (
            <Text className={styles.muted}>No sessions are planned yet.</Text>
          )}
          {sessions.next && (
            <Text>
              Next: <Text weight="semibold">{sessions.next.title}</Text>, {formatDateTime(sessions.next.startsAt, env.locale)}
            </Text>
          )}
          <Text className={styles.muted}>Before each session you can check in with a win, a challenge and an ask; afterwards, tell the facilitator what was useful.</Text>
        </Step>
        <Step id="newcomer-starters" number={3} title="Start with these">
          {view.starters.length === 0 ? (
            <Text className={styles.muted}>The library is still empty: your first case or checklist could be its first item.</Text>
          ) : (
            <ul className={styles.items} data-testid="starters">
              {view.starters.map((a) => (
                <li key={a.id} className={styles.item}>
                  <span className={styles.row}>
                    <LibraryItemLink itemId={a.id}>{a.title}</LibraryItemLink>
                    <Badge appearance="tint" color="brand" shape="rounded">
                      {typeLabel(a.type)}
                    </Badge>
                  </span>
                  {a.summary && <Text className={styles.muted}>{a.summary}</Text>}
                </li>
              ))}
            </ul>
          )}
        </Step>
        <Step id="newcomer-contacts" number={4} title="Who to ask">
          {view.contacts.length === 0 ? (
            <Text className={styles.muted}>Your community has no leads or facilitators yet.</Text>
          ) : (
            <ul className={styles.items} data-testid="contacts">
              {view.contacts.map((c) => (
                <li key={c.userId} className={styles.item}>
                  <span>
                    <Text weight="semibold">{c.displayName}</Text>
                    {c.userId === env.me && " (you)"} · {ROLE_LABELS[c.role]}
                  </span>
                  <Text className={styles.muted}>{[c.title, c.department].filter(Boolean).join(", ")}</Text>
                </li>
              ))}
            </ul>
          )}
        </Step>
      </ol>
    </div>
  );
}
