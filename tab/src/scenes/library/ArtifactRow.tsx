import { memo } from "react";
import { Badge, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import { ARTIFACT_TYPE_LABELS, type ArtifactSummary } from "../../../../bot/src/contracts";
import { formatDate, humanizeSlug } from "../../lib/format";

const useStyles = makeStyles({
  row: {
    listStyle: "none",
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    // Rows off screen skip layout and paint, so thousands stay smooth.
    contentVisibility: "auto",
    containIntrinsicSize: "auto 100px",
  },
  highlighted: {
    ...shorthands.borderColor(tokens.colorBrandStroke1),
    boxShadow: `0 0 0 ${tokens.strokeWidthThin} ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  labels: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalXS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    overflowWrap: "anywhere",
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
});

export interface ArtifactRowProps {
  item: ArtifactSummary;
  locale: string;
  priorityLabels: ReadonlyMap<string, string>;
  highlighted: boolean;
}

const VISIBILITY_NOTE = { community: null, circle: "Circle only", private: "Private" } as const;

/** One library item. Memoised: loading the next page leaves existing rows alone. */
export const ArtifactRow = memo(function ArtifactRow({ item, locale, priorityLabels, highlighted }: ArtifactRowProps) {
  const styles = useStyles();
  const titleId = `artifact-title-${item.id}`;
  const note = VISIBILITY_NOTE[item.visibility];
  return (
    <li
      id={`artifact-${item.id}`}
      className={mergeClasses(styles.row, highlighted && styles.highlighted)}
      tabIndex={highlighted ? -1 : undefined}
      aria-labelledby={titleId}
    >
      <div className={styles.labels}>
        <Badge appearance="tint" color="brand" shape="rounded">
          {ARTIFACT_TYPE_LABELS[item.type]}
        </Badge>
        {note && (
          <Badge appearance="outline" color="informative" shape="rounded">
            {note}
          </Badge>
        )}
        {item.dueForReview && (
          <Badge appearance="tint" color="warning" shape="rounded">
            Review due
          </Badge>
        )}
      </div>
      <h3 id={titleId} className={styles.title}>
        {item.title}
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
        <span>
          Updated <time dateTime={item.updatedAt}>{formatDate(item.updatedAt, locale)}</time>
        </span>
      </div>
    </li>
  );
});
