import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { plainList } from "../sessions/surface";
import { type Person } from "./model";

const useStyles = makeStyles({
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  department: { color: tokens.colorNeutralForeground2 },
});

/** "Priya Raman · Customer Success", me marked "(you)". */
export function PersonText({ person, me }: { person: Person; me: string }) {
  const styles = useStyles();
  return (
    <span>
      <Text weight="semibold">{person.displayName}</Text>
      {person.userId === me && " (you)"}
      <Text className={styles.department}> · {person.department}</Text>
    </span>
  );
}

/** A list of people with their departments. */
export function PeopleList({ people, me, label }: { people: readonly Person[]; me: string; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {people.map((p) => (
        <li key={p.userId} data-user-id={p.userId}>
          <PersonText person={p} me={me} />
        </li>
      ))}
    </ul>
  );
}
