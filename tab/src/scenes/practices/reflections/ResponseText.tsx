import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { type ReflectionView } from "../../../../../bot/src/contracts";

const useStyles = makeStyles({
  parts: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  answer: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

/** What someone answered: the one answer, or the three parts of a reflection. */
export function ResponseText({ response }: { response: Pick<ReflectionView, "prompt" | "answer" | "happened" | "intended" | "learned"> }) {
  const styles = useStyles();
  if (response.prompt.kind !== "reflective") return <Text className={styles.answer}>{response.answer}</Text>;
  const parts = [
    ["What happened", response.happened],
    ["What I intended", response.intended],
    ["What I learned", response.learned],
  ].filter(([, text]) => text?.trim());
  return (
    <dl className={styles.parts}>
      {parts.map(([term, text]) => (
        <div key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.definition}>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
