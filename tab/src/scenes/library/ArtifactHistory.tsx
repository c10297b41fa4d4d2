import { useState } from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type ArtifactResponse } from "../../../../bot/src/contracts";
import { type ApiClient } from "../../api/client";
import { formatDateTime } from "../../lib/format";
import { useAsync } from "../../lib/useAsync";
import { ConfirmDialog } from "../../shell/ConfirmDialog";
import { EmptyState, ErrorState, LoadingState } from "../../shell/states";
import { ArtifactContentView } from "./ArtifactContentView";
import { type ItemState } from "./itemState";
import { changeLabel } from "./labels";
import { ViewHeader } from "./ViewHeader";
import { cardSurface } from "./surface";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px" },
  of: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  version: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
    ...cardSurface,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  versionText: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0, flex: "1 1 320px" },
  versionTitle: { margin: 0, display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  meta: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  note: { margin: 0, fontStyle: "italic", overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  card: {
    ...cardSurface,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  versionHeading: { margin: 0, overflowWrap: "anywhere" },
});

export interface ArtifactHistoryProps {
  api: ApiClient;
  communityId: string;
  item: ItemState;
  /** The version being looked at, or undefined for the list of versions. */
  version?: number;
  locale: string;
  autoFocus: boolean;
  onBack: () => void;
  onView: (version: number | undefined) => void;
  onRestored: (saved: ArtifactResponse, version: number) => void;
  onRetryItem: () => void;
}

const who = (editedBy: { displayName: string } | null) => editedBy?.displayName ?? "Anonymous author";

function changedText(version: number, changed: string[]): string {
  if (version === 1) return "First version";
  if (changed.length === 0) return "No changes to the content";
  return `Changed: ${changed.map(changeLabel).join(", ")}`;
}

/** Every saved version of an item: who, when, what changed; read one and bring it back. */
export default function ArtifactHistory(props: ArtifactHistoryProps) {
  const { item, version, autoFocus, onBack, onView, onRetryItem } = props;
  const styles = useStyles();
  if (item.status !== "ready") {
    return (
      <div>
        <ViewHeader backLabel="Back to the item" onBack={onBack} title="History" headingId="history-heading" autoFocus={autoFocus} />
        {item.status === "loading" ? <LoadingState label="Opening the history…" /> : <ErrorState title="We couldn't open this item" error={item.error} onRetry={onRetryItem} />}
      </div>
    );
  }
  return (
    <section className={styles.page} aria-labelledby="history-heading">
      {version ? (
        <VersionView {...props} current={item.data} version={version} onBack={() => onView(undefined)} />
      ) : (
        <>
          <ViewHeader backLabel="Back to the item" onBack={onBack} title="History" headingId="history-heading" autoFocus={autoFocus}>
            <Text className={styles.of}>{item.data.title}</Text>
          </ViewHeader>
          <VersionList {...props} current={item.data} />
        </>
      )}
    </section>
  );
}

function VersionList({ api, communityId, current, locale, onView }: ArtifactHistoryProps & { current: ArtifactResponse }) {
  const styles = useStyles();
  const history = useAsync((signal) => api.artifactHistory(communityId, current.id, signal), [api, communityId, current.id, current.version]);
  if (history.status === "loading") return <LoadingState label="Loading the versions…" />;
  if (history.status === "error") return <ErrorState title="We couldn't load the history" error={history.error} onRetry={history.retry} />;
  const versions = [...history.data.items].sort((a, b) => b.version - a.version);
  if (versions.length === 0) return <EmptyState title="No versions yet">This item has no saved versions to show.</EmptyState>;
  return (
    <ol className={styles.list} aria-label="Versions, newest first">
      {versions.map((v) => (
        <li key={v.version} className={styles.version}>
          <div className={styles.versionText}>
            <h3 className={styles.versionTitle}>
              Version {v.version}
              {v.version === current.version && (
                <Badge appearance="tint" color="success" shape="rounded">
                  Current
                </Badge>
              )}
            </h3>
            <p className={styles.meta}>
              {who(v.editedBy)} · <time dateTime={v.editedAt}>{formatDateTime(v.editedAt, locale)}</time> · {changedText(v.version, v.changed)}
            </p>
            {v.note && <p className={styles.note}>“{v.note}”</p>}
          </div>
          <Button onClick={() => onView(v.version)} aria-label={`View version ${v.version}`}>
            View
          </Button>
        </li>
      ))}
    </ol>
  );
}

function VersionView({ api, communityId, current, version, locale, autoFocus, onBack, onRestored }: ArtifactHistoryProps & { current: ArtifactResponse; version: number }) {
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const shown = useAsync((signal) => api.artifactVersion(communityId, current.id, version, signal), [api, communityId, current.id, version]);
  const isCurrent = version === current.version;
  const canRestore = current.can.edit && !current.deleted && !isCurrent;

  return (
    <>
      <ViewHeader backLabel="Back to all versions" onBack={onBack} title={`Version ${version}`} headingId="history-heading" autoFocus={autoFocus}>
        <Text className={styles.of}>{current.title}</Text>
      </ViewHeader>
      {shown.status === "loading" && <LoadingState label="Opening this version…" />}
      {shown.status === "error" && <ErrorState title="We couldn't open this version" error={shown.error} onRetry={shown.retry} />}
      {shown.status === "ready" && (
        <>
          <p className={styles.meta}>
            Saved by {who(shown.data.editedBy)} on <time dateTime={shown.data.editedAt}>{formatDateTime(shown.data.editedAt, locale)}</time> ·{" "}
            {changedText(shown.data.version, shown.data.changed)}
            {isCurrent && " · This is the current version"}
          </p>
          {shown.data.note && <p className={styles.note}>“{shown.data.note}”</p>}
          {canRestore && (
            <div className={styles.actions}>
              <Button appearance="primary" onClick={() => setConfirming(true)}>
                Restore this version
              </Button>
            </div>
          )}
          <div className={styles.card}>
            <Text as="h3" size={500} weight="semibold" className={styles.versionHeading}>
              {shown.data.content.title}
            </Text>
            <ArtifactContentView content={shown.data.content} locale={locale} />
          </div>
          <ConfirmDialog
            open={confirming}
            title={`Restore version ${version}?`}
            confirmLabel="Restore"
            busyLabel="Restoring…"
            onCancel={() => setConfirming(false)}
            onConfirm={async () => {
              const saved = await api.restoreArtifactVersion(communityId, current.id, version, current.version);
              setConfirming(false);
              onRestored(saved, version);
            }}
          >
            Its content comes back as a new version ({`version ${current.version + 1}`}). Nothing is lost: every version stays in the history.
          </ConfirmDialog>
        </>
      )}
    </>
  );
}
