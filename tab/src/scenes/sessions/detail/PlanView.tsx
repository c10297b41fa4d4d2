import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { type SessionView } from "../../../../../bot/src/contracts";
import { plural } from "../../../lib/format";
import { LibraryItemLink } from "../../library/LibraryItemLink";
import { type SessionsEnv } from "../env";
import { FORMAT_LABELS, PART_LABELS } from "../labels";
import { agendaMinutes, hiddenCasesText, nameOf, namesFor } from "../model";
import { plainList, sectionHeading } from "../surface";

const useStyles = makeStyles({
  plan: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  agenda: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  minutes: { fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  notes: { display: "block", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  cases: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

/** The session's plan for reading: theme, agenda parts with minutes and who leads, queued cases. */
export function PlanView({ env, session }: { env: SessionsEnv; session: SessionView }) {
  const styles = useStyles();
  const names = namesFor(env.names, session);
  const themeOwner = nameOf(names, session.theme?.ownerId, env.me);
  const hidden = hiddenCasesText(session.hiddenQueuedCases);
  const headingId = `plan-heading-${session.id}`;
  return (
    <section className={styles.plan} aria-labelledby={headingId}>
      <h4 id={headingId} className={styles.heading}>
        The plan
      </h4>
      <Text>
        {session.theme ? (
          <>
            Theme: <strong>{session.theme.title}</strong>
            {themeOwner && `, brought by ${themeOwner}`}
          </>
        ) : (
          <span className={styles.muted}>No theme for this month yet.</span>
        )}
      </Text>
      <Text className={styles.muted}>{FORMAT_LABELS[session.agendaFormat]}</Text>
      {session.agenda.length > 0 ? (
        <ol className={styles.agenda} aria-label="Agenda">
          {session.agenda.map((item, index) => {
            const owner = nameOf(names, item.ownerId, env.me);
            return (
              <li key={index}>
                <span className={styles.minutes}>{item.minutes} min</span> ·{" "}
                {item.title.trim().toLowerCase() === PART_LABELS[item.part].toLowerCase() ? item.title : `${PART_LABELS[item.part]}: ${item.title}`}
                {owner && ` — led by ${owner}`}
                {item.notes && <span className={styles.notes}>{item.notes}</span>}
              </li>
            );
          })}
        </ol>
      ) : (
        <Text className={styles.muted}>No agenda yet.</Text>
      )}
      {session.agenda.length > 0 && <Text className={styles.muted}>{plural(agendaMinutes(session), "minute", "minutes")} in all.</Text>}

      <Text weight="semibold">Cases for the case clinic</Text>
      {session.queuedCases.length > 0 ? (
        <ul className={styles.cases} aria-label="Queued cases">
          {session.queuedCases.map((c) => (
            <li key={c.id}>
              <LibraryItemLink itemId={c.id}>{c.title}</LibraryItemLink>
            </li>
          ))}
        </ul>
      ) : (
        !hidden && <Text className={styles.muted}>No cases queued.</Text>
      )}
      {hidden && <Text className={styles.muted}>{hidden}</Text>}
    </section>
  );
}
