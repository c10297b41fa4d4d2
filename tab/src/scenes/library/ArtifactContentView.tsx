import { type ReactNode, Suspense, lazy } from "react";
import { Badge, Spinner, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type ArtifactContent, type ArtifactFields } from "../../../../bot/src/contracts";
import { formatCalendarDate, humanizeSlug } from "../../lib/format";
import { FIELD_LABELS } from "./labels";

const Markdown = lazy(() => import("./Markdown"));

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  summary: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, color: tokens.colorNeutralForeground1, overflowWrap: "anywhere" },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  prose: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase400 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  checklist: { listStyle: "none", paddingLeft: 0 },
  check: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    "::before": {
      content: "''",
      flexShrink: 0,
      width: "12px",
      height: "12px",
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusSmall,
      transform: "translateY(1px)",
    },
  },
  stepTitle: { fontWeight: tokens.fontWeightSemibold },
  stepDetail: { margin: `${tokens.spacingVerticalXXS} 0 0`, whiteSpace: "pre-wrap", color: tokens.colorNeutralForeground2 },
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0, overflowWrap: "anywhere" },
  tags: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyle: "none" },
  notes: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM },
});

function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section}>
      <h3 className={styles.heading}>{title}</h3>
      {children}
    </section>
  );
}

function Prose({ label, text }: { label: string; text: string | undefined }) {
  const styles = useStyles();
  if (!text?.trim()) return null;
  return (
    <Section title={label}>
      <p className={styles.prose}>{text}</p>
    </Section>
  );
}

/** The type's own fields, each under a plain heading, empty ones left out. */
export function FieldsView({ fields, locale }: { fields: ArtifactFields; locale: string }) {
  const styles = useStyles();
  switch (fields.type) {
    case "case-summary":
      return (
        <>
          <Prose label={FIELD_LABELS.situation} text={fields.situation} />
          <Prose label={FIELD_LABELS.question} text={fields.question} />
          <Prose label={FIELD_LABELS.tried} text={fields.tried} />
          <Prose label={FIELD_LABELS.interventions} text={fields.interventions} />
          <Prose label={FIELD_LABELS.successLooksLike} text={fields.successLooksLike} />
          <Prose label={FIELD_LABELS.signal} text={fields.signal} />
        </>
      );
    case "checklist":
      return (
        <Section title={FIELD_LABELS.items}>
          <ul className={mergeClasses(styles.list, styles.checklist)}>
            {fields.items.map((item, i) => (
              <li key={i} className={styles.check}>
                {item.text}
              </li>
            ))}
          </ul>
        </Section>
      );
    case "one-page-summary":
      return fields.keyPoints.length > 0 ? (
        <Section title={FIELD_LABELS.keyPoints}>
          <ul className={styles.list}>
            {fields.keyPoints.map((point, i) => (
              <li key={i}>{point}</li>
            ))}
          </ul>
        </Section>
      ) : null;
    case "decision-log":
      return (
        <>
          <Prose label={FIELD_LABELS.decision} text={fields.decision} />
          <Prose label={FIELD_LABELS.context} text={fields.context} />
          {fields.options.length > 0 && (
            <Section title={FIELD_LABELS.options}>
              <ul className={styles.list}>
                {fields.options.map((option, i) => (
                  <li key={i}>{option}</li>
                ))}
              </ul>
            </Section>
          )}
          <Prose label={FIELD_LABELS.rationale} text={fields.rationale} />
          {(fields.owner || fields.decidedOn) && (
            <dl className={styles.facts}>
              {fields.owner && (
                <>
                  <dt className={styles.term}>{FIELD_LABELS.owner}</dt>
                  <dd className={styles.definition}>{fields.owner}</dd>
                </>
              )}
              {fields.decidedOn && (
                <>
                  <dt className={styles.term}>{FIELD_LABELS.decidedOn}</dt>
                  <dd className={styles.definition}>{formatCalendarDate(fields.decidedOn, locale)}</dd>
                </>
              )}
            </dl>
          )}
        </>
      );
    case "playbook":
      return (
        <Section title={FIELD_LABELS.steps}>
          <ol className={styles.list}>
            {fields.steps.map((step, i) => (
              <li key={i}>
                <span className={styles.stepTitle}>{step.title}</span>
                {step.detail && <p className={styles.stepDetail}>{step.detail}</p>}
              </li>
            ))}
          </ol>
        </Section>
      );
    case "template":
      return <Prose label={FIELD_LABELS.whenToUse} text={fields.whenToUse} />;
    case "reflection":
      return (
        <>
          <Prose label={FIELD_LABELS.whatHappened} text={fields.whatHappened} />
          <Prose label={FIELD_LABELS.intended} text={fields.intended} />
          <Prose label={FIELD_LABELS.learned} text={fields.learned} />
        </>
      );
  }
}

export function TagList({ label, tags }: { label: string; tags: { id: string; text: string; color: "informative" | "subtle" }[] }) {
  const styles = useStyles();
  if (tags.length === 0) return null;
  return (
    <ul className={styles.tags} aria-label={label}>
      {tags.map((t) => (
        <li key={t.id}>
          <Badge appearance={t.color === "subtle" ? "outline" : "tint"} color="informative" shape="rounded">
            {t.text}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

export function priorityTags(priorities: readonly string[], labels: ReadonlyMap<string, string>) {
  return priorities.map((id) => ({ id, text: labels.get(id) ?? humanizeSlug(id), color: "informative" as const }));
}

export function topicTags(topics: readonly string[]) {
  return topics.map((t) => ({ id: t, text: `#${t}`, color: "subtle" as const }));
}

/** An item's written content: summary, the type's fields, and the Markdown notes (sanitised). */
export function ArtifactContentView({ content, locale, showSummary = true }: { content: ArtifactContent; locale: string; showSummary?: boolean }) {
  const styles = useStyles();
  return (
    <div className={styles.content}>
      {showSummary && content.summary && <p className={styles.summary}>{content.summary}</p>}
      <FieldsView fields={content.fields} locale={locale} />
      {content.body.trim() && (
        <section className={mergeClasses(styles.section, styles.notes)}>
          <h3 className={styles.heading}>Notes</h3>
          <Suspense fallback={<Spinner size="tiny" label="Loading notes…" />}>
            <Markdown text={content.body} />
          </Suspense>
        </section>
      )}
    </div>
  );
}
