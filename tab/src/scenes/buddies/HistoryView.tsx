import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type BuddiesOverview } from "../../../../bot/src/contracts";
import { formatCalendarDate, formatDate } from "../../lib/format";
import { EmptyState } from "../../shell/states";
import { card, plainList, sectionHeading } from "./surface";
import { type BuddiesEnv } from "./env";
import { groupLabel, percent } from "./model";
import { PersonText } from "./people";

const useStyles = makeStyles({
  rounds: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  round: { ...card, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  title: { ...sectionHeading, display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  groups: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** Past and current rounds: their dates, the groups I may see, and how many mixed departments. */
export default function HistoryView({ env, data }: { env: BuddiesEnv; data: BuddiesOverview }) {
  const styles = useStyles();
  const day = (d: string) => formatCalendarDate(d, env.locale);
  if (data.history.length === 0) return <EmptyState title="No rounds yet">Published rounds show here, with who was paired with whom.</EmptyState>;
  return (
    <ol className={styles.rounds} aria-label="Past rounds">
      {data.history.map((round) => {
        const running = round.sprint.startsOn <= env.today && env.today < round.sprint.endsOn;
        return (
          <li key={round.id} className={styles.round} data-round-id={round.id}>
            <h3 className={styles.title}>
              Sprint {day(round.sprint.startsOn)} to {day(round.sprint.endsOn)}
              {running && (
                <Badge appearance="tint" color="brand" shape="rounded">
                  Running
                </Badge>
              )}
            </h3>
            <Text className={styles.muted}>
              {round.publishedAt ? `Published ${formatDate(round.publishedAt, env.locale)}` : "Not published"} · {percent(round.crossDepartmentShare)} of groups mixed departments
              {data.canManage ? "" : " · you see your own group"}
            </Text>
            <ul className={styles.groups} aria-label="Groups">
              {round.groups.map((g, i) => (
                <li key={g.id}>
                  <Text weight="semibold">{groupLabel(g, i)}: </Text>
                  {g.members.map((m, j) => (
                    <span key={m.userId}>
                      {j > 0 && ", "}
                      <PersonText person={m} me={env.me} />
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
