import { useRef, useState } from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type CharterView } from "../../../../bot/src/contracts";
import { formatDate, plural } from "../../lib/format";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../shell/states";
import { cardSurface, plainList, sectionHeading } from "../sessions/surface";
import { useKept } from "../sessions/useKept";
import { CharterText } from "./CharterText";
import { EditCharterDialog } from "./EditCharterDialog";
import { type CharterEnv } from "./env";
import { VersionDialog } from "./VersionDialog";

const useStyles = makeStyles({
  view: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(240px, 320px)", gap: tokens.spacingHorizontalXXL, alignItems: "start", "@media (max-width: 800px)": { gridTemplateColumns: "minmax(0, 1fr)" } },
  main: { ...cardSurface, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`, minWidth: 0 },
  top: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  meta: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  side: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  panel: { ...cardSurface, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  done: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, color: tokens.colorPaletteGreenForeground1 },
  versions: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  version: { display: "flex", alignItems: "flex-start", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  versionText: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
});

/** The charter: read by everyone, edited by leads in a dialog, acknowledged by each reader, with its versions. */
export default function CharterPage({ env, openVersion, onOpenVersion }: { env: CharterEnv; openVersion?: number; onOpenVersion: (version?: number) => void }) {
  const styles = useStyles();
  const charter = useKept((signal) => env.api.charter(env.communityId, signal), [env.api, env.communityId]);
  const [editing, setEditing] = useState(false);
  const [acknowledging, setAcknowledging] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  if (charter.status === "loading") return <LoadingState label="Loading the charter…" />;
  if (charter.status === "error") return <ErrorState title="We couldn't load the charter" error={charter.error} onRetry={charter.reload} />;
  const data: CharterView = charter.data;
  const { version } = data.charter;
  const focus = (selector: string) => requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(selector)?.focus());

  const acknowledge = async () => {
    setAcknowledging(true);
    try {
      const next = await env.api.acknowledgeCharter(env.communityId, { version });
      charter.update(next);
      env.toast(`Thanks: you've acknowledged version ${version} of the charter.`);
      focus("[data-testid=acknowledged]");
    } catch (error) {
      env.toast(`It wasn't recorded. ${messageOf(error)}`, { intent: "error" });
      charter.reload();
    } finally {
      setAcknowledging(false);
    }
  };

  const editDialog = editing && (
    <EditCharterDialog
      env={env}
      charter={data}
      onClose={(newer) => {
        setEditing(false);
        // Someone saved meanwhile (the dialog said so and loaded it): show their version.
        if (newer) charter.update(newer);
        focus("[data-action=edit]");
      }}
      onSaved={(saved, savedOn) => {
        charter.update(saved);
        setEditing(false);
        focus("[data-action=edit]");
        env.toast(saved.charter.version === savedOn ? "Nothing changed, so no new version was made." : `Saved as version ${saved.charter.version}.`);
      }}
    />
  );

  if (version === 0) {
    return (
      <div ref={root}>
        <EmptyState
          title="No charter yet"
          actions={
            data.can.edit && (
              <Button appearance="primary" onClick={() => setEditing(true)} data-action="edit">
                Write the charter
              </Button>
            )
          }
        >
          {data.can.edit ? "Write down what the community is for, how people work together, who decides what, and how often you meet." : "Your leads haven't written the charter yet."}
        </EmptyState>
        {editDialog}
      </div>
    );
  }

  const mine = data.myAcknowledgedVersion;
  return (
    <div className={styles.view} ref={root}>
      <article className={styles.main} aria-labelledby="charter-title" data-testid="charter">
        <div className={styles.top}>
          <div className={styles.meta}>
            <Text as="h3" id="charter-title" size={500} weight="semibold" style={{ margin: 0 }}>
              {data.communityName}
            </Text>
            <Text className={styles.muted} data-testid="charter-version">
              Version {version}
              {data.charter.updatedAt ? `, updated ${formatDate(data.charter.updatedAt, env.locale)}` : ""}
              {data.charter.updatedByName ? ` by ${data.charter.updatedByName}` : ""}
            </Text>
            {data.charter.note && <Text className={styles.muted}>“{data.charter.note}”</Text>}
          </div>
          {data.can.edit && (
            <Button appearance="primary" onClick={() => setEditing(true)} data-action="edit">
              Edit the charter
            </Button>
          )}
        </div>
        <CharterText content={data.charter} idPrefix="charter" />
      </article>

      <div className={styles.side}>
        <section className={styles.panel} aria-labelledby="ack-heading">
          <h3 id="ack-heading" className={styles.heading}>
            Have you read it?
          </h3>
          {mine === version ? (
            <Text className={styles.done} data-testid="acknowledged" tabIndex={-1}>
              <span aria-hidden>✓</span>
              You acknowledged version {version}.
            </Text>
          ) : (
            <>
              <Text>
                {mine ? `You acknowledged version ${mine}; the charter has changed since. ` : ""}
                Saying you have read version {version} tells your leads you know how the community works.
              </Text>
              {data.can.acknowledge && (
                <Button appearance="primary" onClick={() => void acknowledge()} disabledFocusable={acknowledging} icon={acknowledging ? <Spinner size="tiny" /> : undefined} data-action="acknowledge">
                  {acknowledging ? "Saving…" : "I've read it"}
                </Button>
              )}
            </>
          )}
          <Text size={200} className={styles.muted} data-testid="ack-count">
            {data.acknowledgedCount !== null ? `${plural(data.acknowledgedCount, "person has", "people have")} acknowledged version ${version}.` : data.acknowledgedCountNote}
          </Text>
        </section>

        <section className={styles.panel} aria-labelledby="versions-heading">
          <h3 id="versions-heading" className={styles.heading}>
            Versions
          </h3>
          <ul className={styles.versions} data-testid="versions">
            {data.versions.map((v) => (
              <li key={v.version} className={styles.version}>
                <span className={styles.versionText}>
                  <Text weight="semibold">
                    Version {v.version}
                    {v.version === version ? " (current)" : ""}
                  </Text>
                  <Text size={200} className={styles.muted}>
                    {formatDate(v.updatedAt, env.locale)} · {v.updatedByName}
                  </Text>
                  {v.note && <Text size={200}>{v.note}</Text>}
                </span>
                <Button size="small" onClick={() => onOpenVersion(v.version)} aria-label={`View version ${v.version}`} data-version={v.version}>
                  View
                </Button>
              </li>
            ))}
          </ul>
        </section>
      </div>

      {editDialog}
      {openVersion !== undefined && (
        <VersionDialog
          env={env}
          version={openVersion}
          onClose={() => {
            onOpenVersion(undefined);
            focus(`[data-version="${openVersion}"]`);
          }}
        />
      )}
    </div>
  );
}
