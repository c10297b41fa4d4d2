import { type ReactNode } from "react";
import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type CharterContent } from "../../../../bot/src/contracts";
import { plainList, sectionHeading } from "../sessions/surface";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  heading: sectionHeading,
  text: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere", lineHeight: tokens.lineHeightBase400, fontSize: tokens.fontSizeBase300 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  badges: { ...plainList, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

function Items({ items, empty, ordered = false }: { items: readonly string[]; empty: string; ordered?: boolean }) {
  const styles = useStyles();
  if (items.length === 0) return <Text className={styles.muted}>{empty}</Text>;
  const List = ordered ? "ol" : "ul";
  return (
    <List className={styles.list}>
      {items.map((item, i) => (
        <li key={`${i}-${item}`}>{item}</li>
      ))}
    </List>
  );
}

/**
 * The charter's text, read-only: purpose, goals, norms, decision rights, priorities and
 * values, cadence. `idPrefix` keeps heading ids unique when a past version is shown too.
 */
export function CharterText({ content, idPrefix }: { content: CharterContent; idPrefix: string }) {
  const styles = useStyles();
  const section = (key: string, title: string, children: ReactNode) => (
    <section className={styles.section} aria-labelledby={`${idPrefix}-${key}`} data-section={key}>
      <h3 id={`${idPrefix}-${key}`} className={styles.heading}>
        {title}
      </h3>
      {children}
    </section>
  );
  return (
    <div className={styles.body}>
      {section("purpose", "Purpose", content.purpose ? <p className={styles.text}>{content.purpose}</p> : <Text className={styles.muted}>Not written yet.</Text>)}
      {section("goals", "Goals", <Items items={content.goals} empty="No goals written yet." />)}
      {section("norms", "Norms", <Items items={content.norms} empty="No norms written yet." ordered />)}
      {section("decisions", "Decision rights", <Items items={content.decisionRights} empty="No decision rights written yet." />)}
      {section(
        "priorities",
        "Cultural priorities",
        content.culturalPriorities.length === 0 ? (
          <Text className={styles.muted}>No priorities yet.</Text>
        ) : (
          <ul className={styles.badges}>
            {content.culturalPriorities.map((p) => (
              <li key={p.id}>
                <Badge appearance="tint" color="brand" shape="rounded" size="large">
                  {p.label}
                </Badge>
              </li>
            ))}
          </ul>
        ),
      )}
      {section(
        "values",
        "Values",
        content.values.length === 0 ? (
          <Text className={styles.muted}>No values yet.</Text>
        ) : (
          <ul className={styles.badges}>
            {content.values.map((v) => (
              <li key={v}>
                <Badge appearance="outline" color="informative" shape="rounded" size="large">
                  {v}
                </Badge>
              </li>
            ))}
          </ul>
        ),
      )}
      {section("cadence", "Cadence", content.cadence ? <p className={styles.text}>{content.cadence}</p> : <Text className={styles.muted}>Not set yet.</Text>)}
    </div>
  );
}
