import { useEffect, useRef, useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type ArtifactResponse, VISIBILITY_LABELS } from "../../../../bot/src/contracts";
import { copyText } from "../../lib/clipboard";
import { formatCalendarDate, formatDateTime, plural } from "../../lib/format";
import { ConfirmDialog } from "../../shell/ConfirmDialog";
import { ErrorState, LoadingState, messageOf } from "../../shell/states";
import { ArtifactContentView, TagList, priorityTags, topicTags } from "./ArtifactContentView";
import { type ItemState } from "./itemState";
import { ViewHeader } from "./ViewHeader";
import { ArtifactBadges, cardSurface } from "./surface";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px" },
  labels: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  meta: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    "& > span:not(:last-child)::after": { content: "'·'", marginLeft: tokens.spacingHorizontalS },
  },
  tags: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  card: {
    ...cardSurface,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  },
  footnote: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  copied: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, alignSelf: "center", minHeight: "1em" },
  manual: { maxWidth: "560px" },
});

export interface ArtifactDetailProps {
  state: ItemState;
  locale: string;
  priorityLabels: ReadonlyMap<string, string>;
  backLabel: string;
  autoFocus: boolean;
  onBack: () => void;
  onRetry: () => void;
  onEdit: () => void;
  onHistory: () => void;
  /** Deletes (after the person confirmed); rejects with a message to show in the dialog. */
  onDelete: (item: ArtifactResponse) => Promise<void>;
  onUndelete: (item: ArtifactResponse) => Promise<void>;
}

/** One item, laid out for reading, with what the person may do with it. */
export default function ArtifactDetail(props: ArtifactDetailProps) {
  const { state, backLabel, autoFocus, onBack, onRetry } = props;
  if (state.status === "ready") return <Detail {...props} item={state.data} />;
  return (
    <div>
      <ViewHeader backLabel={backLabel} onBack={onBack} title={state.status === "loading" ? "Opening…" : "Item not available"} headingId="item-heading" autoFocus={autoFocus} />
      {state.status === "loading" ? (
        <LoadingState label="Opening the item…" />
      ) : (
        <ErrorState title="We couldn't open this item" error={state.error} onRetry={onRetry} />
      )}
    </div>
  );
}

function Detail({ item, locale, priorityLabels, backLabel, autoFocus, onBack, onEdit, onHistory, onDelete, onUndelete }: ArtifactDetailProps & { item: ArtifactResponse }) {
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const [undeleting, setUndeleting] = useState<"idle" | "busy" | { error: unknown }>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copyLink = async () => {
    const ok = await copyText(item.link);
    setCopy(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    if (ok) timer.current = setTimeout(() => setCopy("idle"), 4000);
  };

  const undelete = async () => {
    setUndeleting("busy");
    try {
      await onUndelete(item);
      setUndeleting("idle");
    } catch (error) {
      setUndeleting({ error });
    }
  };

  const visibility = item.visibility === "community" ? null : VISIBILITY_LABELS[item.visibility];
  return (
    <article className={styles.page} aria-labelledby="item-heading">
      <ViewHeader backLabel={backLabel} onBack={onBack} title={item.title} headingId="item-heading" autoFocus={autoFocus}>
        <ArtifactBadges className={styles.labels} type={item.type} audience={visibility} reviewDue={item.dueForReview && !item.deleted} />
      </ViewHeader>

      <p className={styles.meta} data-testid="item-meta">
        <span>{item.author ? `Shared by ${item.author.displayName}` : "Shared anonymously"}</span>
        <span>
          Updated <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt, locale)}</time>
        </span>
        <span>Version {item.version}</span>
        {item.openCount > 0 && <span>Opened {plural(item.openCount, "time", "times")}</span>}
      </p>

      {(item.priorities.length > 0 || item.topics.length > 0) && (
        <div className={styles.tags}>
          <TagList label="Priorities" tags={priorityTags(item.priorities, priorityLabels)} />
          <TagList label="Topics" tags={topicTags(item.topics)} />
        </div>
      )}

      {!item.deleted && (
        <div className={styles.actions} role="group" aria-label="Item actions">
          <Button onClick={copyLink}>{copy === "copied" ? "Link copied" : "Copy link"}</Button>
          {item.can.edit && (
            <Button appearance="primary" onClick={onEdit}>
              Edit
            </Button>
          )}
          <Button onClick={onHistory}>History</Button>
          {item.can.delete && <Button onClick={() => setConfirming(true)}>Delete</Button>}
          <span className={styles.copied} role="status">
            {copy === "copied" ? "The link is on your clipboard." : ""}
          </span>
        </div>
      )}
      {copy === "failed" && (
        <Field className={styles.manual} label="Your browser didn't let us copy. Select the link and copy it yourself:">
          <Input readOnly value={item.link} onFocus={(e) => e.currentTarget.select()} autoFocus />
        </Field>
      )}

      {item.deleted && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>This item was deleted</MessageBarTitle>
            {item.deletedAt ? `Deleted ${formatDateTime(item.deletedAt, locale)}. ` : ""}
            No one else sees it. Restore it within 30 days to bring it back for everyone.
            {typeof undeleting === "object" && <div>{messageOf(undeleting.error)}</div>}
          </MessageBarBody>
          {item.can.delete && (
            <MessageBarActions>
              <Button onClick={undelete} disabledFocusable={undeleting === "busy"} icon={undeleting === "busy" ? <Spinner size="tiny" /> : undefined}>
                Restore
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {item.dueForReview && !item.deleted && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Due for review</MessageBarTitle>
            {item.reviewBy ? `It was due on ${formatCalendarDate(item.reviewBy, locale)}. ` : ""}
            Check it still matches how you work{item.can.edit ? ", then edit it and set a new review date." : "."}
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.card}>
        <ArtifactContentView content={item} locale={locale} />
      </div>

      {item.reviewBy && !item.dueForReview && <p className={styles.footnote}>Next review by {formatCalendarDate(item.reviewBy, locale)}.</p>}

      <ConfirmDialog
        open={confirming}
        title="Delete this item?"
        confirmLabel="Delete"
        busyLabel="Deleting…"
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          await onDelete(item);
          setConfirming(false);
        }}
      >
        “{item.title}” leaves the library for everyone. You can undo this straight away, and leads can restore it from
        Recently deleted for 30 days.
      </ConfirmDialog>
    </article>
  );
}
