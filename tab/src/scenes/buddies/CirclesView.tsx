import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type BuddiesOverview } from "../../../../bot/src/contracts";
import { EmptyState } from "../../shell/states";
import { card, plainList, sectionHeading } from "./surface";
import { PeopleList } from "./people";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  circles: { ...plainList, display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))", gap: tokens.spacingHorizontalM },
  circle: { ...card, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: sectionHeading,
  pairs: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** My confidential peer circles: who is in them and who keeps whom accountable. */
export default function CirclesView({ data, me = "" }: { data: BuddiesOverview; me?: string }) {
  const styles = useStyles();
  if (data.circles.length === 0)
    return <EmptyState title="You're not in a peer circle">Peer circles are small confidential groups of about five managers at the same level. Your community lead sets them up.</EmptyState>;
  return (
    <div className={styles.view}>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>Circles are confidential: their cases and check-ins are visible only to the circle's members.</MessageBarBody>
      </MessageBar>
      <ul className={styles.circles} aria-label="My circles">
        {data.circles.map((c) => (
          <li key={c.id} className={styles.circle} data-circle-id={c.id}>
            <h3 className={styles.heading}>{c.name}</h3>
            <PeopleList people={c.members} me={me} label={`${c.name}: members`} />
            {c.buddyPairs.length > 0 && (
              <div>
                <Text weight="semibold">Accountability pairs</Text>
                <ul className={styles.pairs} aria-label={`${c.name}: accountability pairs`}>
                  {c.buddyPairs.map((pair) => (
                    <li key={pair.map((p) => p.userId).join("+")}>{pair.map((p) => p.displayName).join(" & ")}</li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
