import { Badge, Button, Spinner, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type FollowUpView } from "../../../../../bot/src/contracts";
import { formatCalendarDate } from "../../../lib/format";
import { type SessionsEnv } from "../env";
import { cardSurface } from "../surface";
import { formatDay } from "../time";

const useStyles = makeStyles({
  row: { ...cardSurface, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  // Overdue: a thick edge and the word, never the colour alone.
  overdue: { borderLeftWidth: tokens.strokeWidthThickest, borderLeftColor: tokens.colorStatusDangerBorderActive },
  text: { flex: "1 1 320px", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  meta: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  late: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** One follow-up: what, who, by when (overdue said in words), and done or reopen. */
export function FollowUpRow({ env, item, busy, onDone, onReopen }: { env: SessionsEnv; item: FollowUpView; busy: boolean; onDone: () => void; onReopen: () => void }) {
  const styles = useStyles();
  const open = item.status === "open";
  const late = open && item.overdue;
  const owner = item.owner.userId === env.me ? "You" : item.owner.displayName;
  const titleId = `followup-${item.id}`;
  return (
    <article className={mergeClasses(styles.row, late && styles.overdue)} aria-labelledby={titleId} data-followup-id={item.id}>
      <div className={styles.text}>
        <h4 id={titleId} className={styles.title}>
          {item.title}
        </h4>
        <div className={styles.meta}>
          {late && (
            <Badge appearance="filled" color="danger" shape="rounded">
              Overdue
            </Badge>
          )}
          <span>Owner: {owner}</span>
          <span className={late ? styles.late : undefined}>
            {late ? "Was due" : "Due"} <time dateTime={item.dueOn}>{formatCalendarDate(item.dueOn, env.locale)}</time>
          </span>
          {!open && item.doneAt && (
            <span>
              Done <time dateTime={item.doneAt}>{formatDay(item.doneAt, env.locale, env.timeZone)}</time>
            </span>
          )}
          {item.sessionTitle && <span>From {item.sessionTitle}</span>}
        </div>
      </div>
      {item.canEdit &&
        (open ? (
          <Button disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={onDone} aria-label={`Mark done: “${item.title}”`}>
            Mark done
          </Button>
        ) : (
          <Button disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={onReopen} aria-label={`Reopen “${item.title}”`}>
            Reopen
          </Button>
        ))}
    </article>
  );
}
