import { useState } from "react";
import { Field, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { PRACTICE_STAGE_LABELS, type PracticeStage, type PracticeView, type StageView } from "../../../../../bot/src/contracts";
import { FormDialog, fieldErrorOf } from "../../../shell/FormDialog";
import { type PracticesEnv } from "../env";
import { isForward } from "../model";

const useStyles = makeStyles({
  rule: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

const REASON_MAX = 500;

/**
 * Asks why a practice moves, next to the rule of the stage it goes to. A refusal (not enough
 * evidence, a skipped stage) is shown here as the server words it; the reason stays typed.
 */
export function MoveDialog({
  env,
  practice,
  to,
  stages,
  onMoved,
  onClose,
}: {
  env: PracticesEnv;
  practice: PracticeView;
  to: PracticeStage;
  stages: readonly StageView[];
  onMoved: (practice: PracticeView) => void;
  onClose: () => void;
}) {
  const styles = useStyles();
  const [reason, setReason] = useState("");
  const target = stages.find((s) => s.stage === to);
  const forward = isForward(practice.stage, to);
  const progress = forward && practice.next?.stage === to ? practice.next.progress : undefined;

  const move = async () => {
    const { practice: moved } = await env.api.movePractice(env.communityId, practice.id, { to, reason: reason.trim() });
    onMoved(moved);
  };

  return (
    <FormDialog
      title={`Move “${practice.name}” to ${PRACTICE_STAGE_LABELS[to]}`}
      submitLabel="Move"
      busyLabel="Moving…"
      submitDisabled={!reason.trim()}
      onSubmit={move}
      onCancel={onClose}
      inlineFields={["reason"]}
    >
      {(error) => (
        <>
          <Text>
            From {PRACTICE_STAGE_LABELS[practice.stage]} {forward ? "forward" : "back"} to {PRACTICE_STAGE_LABELS[to]}.
          </Text>
          <div className={styles.rule} data-testid="move-rule">
            <Text weight="semibold">The rule for {PRACTICE_STAGE_LABELS[to]}</Text>
            <Text>{target?.rule ?? ""}</Text>
            {progress && <Text className={styles.muted}>So far: {progress}.</Text>}
            {!forward && <Text className={styles.muted}>Moving back needs only a reason, e.g. that the practice faded.</Text>}
          </div>
          <Field label="Why it moves" hint="Everyone sees this on the practice's timeline." required validationMessage={fieldErrorOf(error, "reason")}>
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={REASON_MAX} resize="vertical" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
