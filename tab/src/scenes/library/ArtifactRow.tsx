import { type MouseEvent, memo } from "react";
import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import { type ArtifactSummary } from "../../../../bot/src/contracts";
import { formatDate, humanizeSlug } from "../../lib/format";
import { ArtifactBadges, cardSurface } from "./surface";

const useStyles = makeStyles({
  card: {
    position: "relative",
    boxSizing: "border-box",
    height: "100%",
    ...cardSurface,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    ":hover": { borderTopColor: tokens.colorNeutralStroke1Hover, borderRightColor: tokens.colorNeutralStroke1Hover, borderBottomColor: tokens.colorNeutralStroke1Hover, borderLeftColor: tokens.colorNeutralStroke1Hover, backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  labels: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalXS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  // The title link covers the whole card, so a click anywhere opens the item and the
  // keyboard has one stop per row.
  link: {
    color: tokens.colorNeutralForeground1,
    textDecoration: "none",
    outline: "none",
    "::after": { content: "''", position: "absolute", inset: 0, borderRadius: tokens.borderRadiusLarge },
    ":hover": { textDecoration: "underline", color: tokens.colorNeutralForeground1 },
    ":focus-visible::after": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  summary: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    overflowWrap: "anywhere",
  },
  footer: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  priorities: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, margin: 0, padding: 0 },
  priority: { listStyle: "none" },
  restore: { position: "relative", zIndex: 1, marginLeft: "auto" },
});

export interface ArtifactRowProps {
  item: ArtifactSummary;
  locale: string;
  priorityLabels: ReadonlyMap<string, string>;
  href: string;
  /** The one row the Tab key stops at (roving tab index). */
  tabbable: boolean;
  onOpen: (id: string) => void;
  /** Deleted view: brings the item back. */
  onRestore?: (item: ArtifactSummary) => void;
  restoring?: boolean;
}

const VISIBILITY_NOTE = { community: null, circle: "Circle only", private: "Private" } as const;

export const rowLinkId = (id: string) => `artifact-link-${id}`;

/** One library item. Memoised: loading the next page or scrolling leaves it alone. */
export const ArtifactRow = memo(function ArtifactRow({ item, locale, priorityLabels, href, tabbable, onOpen, onRestore, restoring }: ArtifactRowProps) {
  const styles = useStyles();
  const note = VISIBILITY_NOTE[item.visibility];
  const open = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(item.id);
  };
  return (
    <div className={styles.card}>
      <ArtifactBadges className={styles.labels} type={item.type} audience={note} reviewDue={item.dueForReview && !item.deleted} />
      <h3 className={styles.title}>
        <a id={rowLinkId(item.id)} href={href} className={styles.link} tabIndex={tabbable ? 0 : -1} onClick={open}>
          {item.title}
        </a>
      </h3>
      {item.summary && <p className={styles.summary}>{item.summary}</p>}
      <div className={styles.footer}>
        {item.priorities.length > 0 && (
          <ul className={styles.priorities} aria-label="Priorities">
            {item.priorities.map((slug) => (
              <li key={slug} className={styles.priority}>
                <Badge appearance="tint" color="informative" shape="rounded">
                  {priorityLabels.get(slug) ?? humanizeSlug(slug)}
                </Badge>
              </li>
            ))}
          </ul>
        )}
        <span>{item.author ? `By ${item.author.displayName}` : "Shared anonymously"}</span>
        {item.deleted && item.deletedAt ? (
          <span>
            Deleted <time dateTime={item.deletedAt}>{formatDate(item.deletedAt, locale)}</time>
          </span>
        ) : (
          <span>
            Updated <time dateTime={item.updatedAt}>{formatDate(item.updatedAt, locale)}</time>
          </span>
        )}
        {onRestore && (
          <Button className={styles.restore} size="small" tabIndex={tabbable ? 0 : -1} disabledFocusable={restoring} onClick={() => onRestore(item)} aria-label={`Restore “${item.title}”`}>
            {restoring ? "Restoring…" : "Restore"}
          </Button>
        )}
      </div>
    </div>
  );
});
