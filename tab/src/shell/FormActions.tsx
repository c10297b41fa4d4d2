import { Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface FormButtonsProps {
  /** While true the submit button shows a spinner and `busyLabel`, and neither button acts. */
  busy: boolean;
  submitLabel: string;
  /** Shown while busy, e.g. "Saving…"; the submit label if not given. */
  busyLabel?: string;
  cancelLabel?: string;
  onCancel: () => void;
  /** Greys the submit button out; it stays focusable. */
  submitDisabled?: boolean;
  /** For buttons outside a form: the submit button calls this on click instead of submitting. */
  onSubmit?: () => void;
}

/** The primary submit button and Cancel, in that order. */
export function FormButtons({ busy, submitLabel, busyLabel = submitLabel, cancelLabel = "Cancel", onCancel, submitDisabled = false, onSubmit }: FormButtonsProps) {
  return (
    <>
      <Button
        {...(onSubmit ? { onClick: onSubmit } : { type: "submit" as const })}
        appearance="primary"
        disabledFocusable={busy || submitDisabled}
        icon={busy ? <Spinner size="tiny" /> : undefined}
      >
        {busy ? busyLabel : submitLabel}
      </Button>
      <Button onClick={onCancel} disabledFocusable={busy}>
        {cancelLabel}
      </Button>
    </>
  );
}

/** The row of buttons under a form on a page: submit, then Cancel. */
export function FormActions(props: FormButtonsProps) {
  const styles = useStyles();
  return (
    <div className={styles.actions}>
      <FormButtons {...props} />
    </div>
  );
}
