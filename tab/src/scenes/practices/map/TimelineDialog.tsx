import { useState } from "react";
import {
  Badge,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  type CulturalPriority,
  PILOT_LIMITS,
  PILOT_OUTCOME_LABELS,
  PILOT_OUTCOMES,
  PRACTICE_STAGE_LABELS,
  type PilotOutcome,
  type PilotView,
  type PracticeView,
  type TimelineEvent,
} from "../../../../../bot/src/contracts";
import { formatCalendarDate, formatDateTime, humanizeSlug, plural } from "../../../lib/format";
import { InlineForm, fieldErrorOf, useSubmission } from "../../../shell/FormDialog";
import { ErrorState, LoadingState, messageOf } from "../../../shell/states";
import { plainList, sectionHeading } from "../../sessions/surface";
import { useKept } from "../../sessions/useKept";
import { type PracticesEnv } from "../env";
import { evidenceCounts, eventTitle } from "../model";

const useStyles = makeStyles({
  surface: { maxWidth: "720px", width: "100%" },
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  facts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pilot: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingLeft: tokens.spacingHorizontalS, borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}` },
  events: {
    ...plainList,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  event: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS },
});

const STATUS_LABELS: Record<PilotView["status"], string> = { active: "Piloting now", reported: "Reported", withdrawn: "Withdrawn" };

/**
 * One practice opened from the map: what it is, where it stands against its next rule, the
 * pilots behind it and everything that happened to it, oldest first. A manager reports on
 * their own pilot here too.
 */
export default function TimelineDialog({
  env,
  practiceId,
  priorities,
  onEdit,
  onChanged,
  onClose,
}: {
  env: PracticesEnv;
  practiceId: string;
  priorities: readonly CulturalPriority[];
  onEdit: (practice: PracticeView) => void;
  /** A pilot report changed the practice's evidence: the map should reload. */
  onChanged: () => void;
  onClose: () => void;
}) {
  const styles = useStyles();
  const timeline = useKept((signal) => env.api.practiceTimeline(env.communityId, practiceId, signal), [env.api, env.communityId, practiceId]);
  const practice = timeline.data?.practice;
  const priorityLabel = (id: string) => priorities.find((p) => p.id === id)?.label ?? humanizeSlug(id);

  let content;
  if (timeline.status === "loading") content = <LoadingState label="Loading the timeline…" />;
  else if (timeline.status === "error") content = <ErrorState title="We couldn't load this practice" error={timeline.error} onRetry={timeline.reload} />;
  else {
    const { practice: p, events, pilots } = timeline.data;
    content = (
      <div className={styles.content}>
        <div className={styles.section}>
          <div className={styles.facts}>
            <Badge appearance="tint" color="brand" shape="rounded">
              {PRACTICE_STAGE_LABELS[p.stage]}
            </Badge>
            <Text className={styles.muted}>{priorityLabel(p.priority)}</Text>
            <Text className={styles.muted}>· {plural(p.activePilots, "pilot", "pilots")} under way</Text>
          </div>
          <Text>{p.description || "No description yet."}</Text>
        </div>
        <section className={styles.section} aria-labelledby="timeline-next-heading">
          <h3 id="timeline-next-heading" className={styles.heading}>
            {p.next ? `Next stage: ${PRACTICE_STAGE_LABELS[p.next.stage]}` : "The last stage"}
          </h3>
          {p.next ? (
            <>
              <Text>{p.next.rule}</Text>
              <Text data-testid="timeline-progress">
                So far: {p.next.progress}. {p.next.met ? "The rule is met." : "Not met yet."}
              </Text>
            </>
          ) : (
            <Text>This practice is a habit in the community.</Text>
          )}
        </section>
        <section className={styles.section} aria-labelledby="timeline-pilots-heading">
          <h3 id="timeline-pilots-heading" className={styles.heading}>
            Pilots
          </h3>
          {pilots.length === 0 ? (
            <Text className={styles.muted}>No one has piloted it yet.</Text>
          ) : (
            <ul className={styles.list} aria-labelledby="timeline-pilots-heading">
              {pilots.map((pilot) => (
                <li key={pilot.id} className={styles.pilot}>
                  <Text weight="semibold">
                    {pilot.person.displayName}
                    {pilot.mine ? " (you)" : ""} · {STATUS_LABELS[pilot.status]}
                  </Text>
                  <Text className={styles.muted}>
                    {formatCalendarDate(pilot.startOn, env.locale)} to {formatCalendarDate(pilot.checkBackOn, env.locale)}
                  </Text>
                  {pilot.commitment && <Text>Trying: {pilot.commitment}</Text>}
                  {pilot.report && <Text>{reportText(pilot.report)}</Text>}
                  {pilot.mine && pilot.status !== "withdrawn" && (
                    <ReportPilot
                      env={env}
                      pilot={pilot}
                      onReported={() => {
                        timeline.reload();
                        onChanged();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className={styles.section} aria-labelledby="timeline-events-heading">
          <h3 id="timeline-events-heading" className={styles.heading}>
            Timeline
          </h3>
          <ol className={styles.events} aria-labelledby="timeline-events-heading" data-testid="timeline-events">
            {events.map((event, i) => (
              <li key={`${event.kind}-${event.at}-${i}`} className={styles.event} data-kind={event.kind}>
                <Text weight="semibold">{eventTitle(event)}</Text>
                <Text size={200} className={styles.muted}>
                  {formatDateTime(event.at, env.locale)}
                </Text>
                <EventDetails event={event} locale={env.locale} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    );
  }

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{practice?.name ?? "Practice"}</DialogTitle>
          <DialogContent>{content}</DialogContent>
          <DialogActions>
            {practice?.can.edit && <Button onClick={() => onEdit(practice)}>Edit</Button>}
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function reportText(report: Pick<NonNullable<PilotView["report"]>, "outcome" | "whatChanged" | "signal" | "stillUsing" | "weeksUsed">): string {
  const parts = [PILOT_OUTCOME_LABELS[report.outcome]];
  if (report.whatChanged) parts.push(`What changed: ${report.whatChanged}`);
  if (report.signal) parts.push(`Signal: ${report.signal}`);
  parts.push(report.stillUsing ? `Still using it after ${plural(report.weeksUsed, "week", "weeks")}` : "Not using it now");
  return parts.join(". ") + ".";
}

function EventDetails({ event, locale }: { event: TimelineEvent; locale: string }) {
  switch (event.kind) {
    case "created":
      return null;
    case "move":
      return (
        <>
          <Text>Why: {event.reason}</Text>
          <Text size={200}>Evidence then: {evidenceCounts(event.evidence)}.</Text>
        </>
      );
    case "pilot":
      return (
        <Text>
          {formatCalendarDate(event.startOn, locale)} to {formatCalendarDate(event.checkBackOn, locale)}
          {event.commitment ? `: ${event.commitment}` : ""}
        </Text>
      );
    case "report":
      return <Text>{reportText(event)}</Text>;
  }
}

/** The report's fields that show their own error; any other goes to the bar under the form. */
const REPORT_FIELDS = ["outcome", "whatChanged", "signal"] as const;

/** My own pilot: how it went, the same questions the check-back card asks. */
function ReportPilot({ env, pilot, onReported }: { env: PracticesEnv; pilot: PilotView; onReported: () => void }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<PilotOutcome | "">(pilot.report?.outcome ?? "");
  const [whatChanged, setWhatChanged] = useState(pilot.report?.whatChanged ?? "");
  const [signal, setSignal] = useState(pilot.report?.signal ?? "");
  const [stillUsing, setStillUsing] = useState(pilot.report?.stillUsing ?? false);
  const submission = useSubmission();
  const fieldError = (field: (typeof REPORT_FIELDS)[number]) => fieldErrorOf(submission.error, field);

  if (!open)
    return (
      <div>
        <Button size="small" onClick={() => setOpen(true)}>
          {pilot.report ? "Change my report" : "Report how it went"}
        </Button>
      </div>
    );

  const save = async () => {
    if (!outcome) return;
    await env.api.reportPilot(env.communityId, pilot.id, { outcome, whatChanged: whatChanged.trim(), signal: signal.trim(), stillUsing });
    setOpen(false);
    env.toast("Thanks: your report counts as evidence for the practice.");
    onReported();
  };

  return (
    <InlineForm
      className={styles.form}
      aria-label="How my pilot went"
      submission={submission}
      onSubmit={save}
      inlineFields={REPORT_FIELDS}
      errorMessage={(error) => `Your report wasn't saved. ${messageOf(error)}`}
      submitLabel="Send report"
      busyLabel="Sending…"
      submitDisabled={!outcome}
      onCancel={() => setOpen(false)}
    >
      <Field label="How did it go?" required validationMessage={fieldError("outcome")}>
        <RadioGroup value={outcome} onChange={(_, d) => setOutcome(d.value as PilotOutcome)} layout="horizontal">
          {PILOT_OUTCOMES.map((o) => (
            <Radio key={o} value={o} label={PILOT_OUTCOME_LABELS[o]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="What changed" validationMessage={fieldError("whatChanged")}>
        <Textarea value={whatChanged} onChange={(_, d) => setWhatChanged(d.value)} maxLength={PILOT_LIMITS.whatChanged} resize="vertical" />
      </Field>
      <Field label="Which signal did you see?" hint="e.g. quieter people spoke first" validationMessage={fieldError("signal")}>
        <Input value={signal} onChange={(_, d) => setSignal(d.value)} maxLength={PILOT_LIMITS.signal} />
      </Field>
      <Checkbox checked={stillUsing} onChange={(_, d) => setStillUsing(d.checked === true)} label="I'm still using it" />
    </InlineForm>
  );
}
