import { type ReactNode } from "react";
import { Badge, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type SessionView } from "../../../../bot/src/contracts";
import { type SessionsEnv } from "./env";
import { countsLine, nameOf } from "./model";
import { cardSurface } from "./surface";
import { formatSpan } from "./time";

const useStyles = makeStyles({
  card: { ...cardSurface, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  open: { borderTopColor: tokens.colorNeutralStroke1, borderRightColor: tokens.colorNeutralStroke1, borderBottomColor: tokens.colorNeutralStroke1, borderLeftColor: tokens.colorNeutralStroke1 },
  heading: { margin: 0 },
  toggle: {
    display: "flex",
    alignItems: "baseline",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    padding: `${tokens.spacingVerticalXS} 0`,
    border: "none",
    background: "none",
    textAlign: "start",
    cursor: "pointer",
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { textDecoration: "underline" },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  chevron: { display: "inline-block", width: "1em", color: tokens.colorNeutralForeground2 },
  when: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase300 },
  meta: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalXS,
    paddingLeft: "1.5em",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  skipped: { textDecoration: "line-through" },
  detail: { marginTop: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

export const toggleId = (id: string) => `session-toggle-${id}`;

/** One session in a list: when, who facilitates, how many come; opens to its details. */
export function SessionCard({ env, session, expanded, onToggle, children }: { env: SessionsEnv; session: SessionView; expanded: boolean; onToggle: () => void; children?: ReactNode }) {
  const styles = useStyles();
  const detailId = `session-detail-${session.id}`;
  const skipped = session.status === "skipped";
  const facilitator = session.facilitator ? (session.facilitator.userId === env.me ? "You" : session.facilitator.displayName) : nameOf(env.names, session.facilitatorId, env.me);
  return (
    <article className={mergeClasses(styles.card, expanded && styles.open)} aria-labelledby={toggleId(session.id)} data-session-id={session.id}>
      <h3 className={styles.heading}>
        <button type="button" id={toggleId(session.id)} className={styles.toggle} aria-expanded={expanded} aria-controls={expanded ? detailId : undefined} onClick={onToggle}>
          <span className={styles.chevron} aria-hidden="true">
            {expanded ? "▾" : "▸"}
          </span>
          <span>{session.title}</span>
          <time className={mergeClasses(styles.when, skipped && styles.skipped)} dateTime={session.startsAt}>
            {formatSpan(session.startsAt, session.endsAt, env.locale, env.timeZone)}
          </time>
        </button>
      </h3>
      <div className={styles.meta}>
        {skipped && (
          <Badge appearance="filled" color="warning" shape="rounded">
            Skipped
          </Badge>
        )}
        {session.moved && !skipped && (
          <Badge appearance="tint" color="informative" shape="rounded">
            Moved
          </Badge>
        )}
        {session.kind === "deep-dive" && (
          <Badge appearance="tint" color="brand" shape="rounded">
            Deep dive
          </Badge>
        )}
        <span data-testid="facilitator">{facilitator ? `Facilitator: ${facilitator}` : "No facilitator yet"}</span>
        {!skipped && <span data-testid="session-counts">{countsLine(session)}</span>}
        {session.rsvp.mine && !skipped && (
          <Badge appearance="outline" color={session.rsvp.mine === "going" ? "success" : "subtle"} shape="rounded">
            {session.rsvp.mine === "going" ? "You're going" : "You can't make it"}
          </Badge>
        )}
        {session.checkIns.mine && !skipped && (
          <Badge appearance="outline" color="success" shape="rounded">
            You checked in
          </Badge>
        )}
      </div>
      {expanded && (
        <div id={detailId} className={styles.detail}>
          {children}
        </div>
      )}
    </article>
  );
}
