import { type FormEvent, type ReactNode, useState } from "react";
import { Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { isApiError } from "../api/client";
import { FormActions, FormButtons, type FormButtonsProps } from "./FormActions";
import { messageOf } from "./states";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/**
 * The server's message when its refusal names `field` (or a part of it: "quietHours" for
 * "quietHours.start"), to show beside that field; undefined otherwise.
 */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!isApiError(error) || !error.field) return undefined;
  return error.field === field || error.field.startsWith(`${field}.`) ? error.message : undefined;
}

/** What a form's error bar says: nothing when one of the inline fields shows the error beside it. */
function barMessage(error: unknown, errorMessage: (error: unknown) => string | undefined, inlineFields: readonly string[]): string | undefined {
  if (error === undefined || inlineFields.some((field) => fieldErrorOf(error, field) !== undefined)) return undefined;
  return errorMessage(error);
}

function ErrorBar({ message }: { message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

export interface Submission {
  busy: boolean;
  /** The last submission's failure, until the next one starts. */
  error: unknown;
  /** Runs `action`: busy until it settles, and its error kept. */
  submit: (action: () => void | Promise<void>) => Promise<void>;
  clearError: () => void;
}

/** One submission at a time: busy until it settles, and its error kept to show in place. */
export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return {
    busy,
    error,
    submit: async (action) => {
      setBusy(true);
      setError(undefined);
      try {
        await action();
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    clearError: () => setError(undefined),
  };
}

export interface DialogFormProps {
  title: ReactNode;
  /** The dialog's text and fields; as a function it gets the last error, for fields that show theirs. */
  children: ReactNode | ((error: unknown) => ReactNode);
  submitLabel: string;
  /** Shown while `onSubmit` runs, e.g. "Saving…"; the submit label if not given. */
  busyLabel?: string;
  cancelLabel?: string;
  /** May be async: the dialog stays open and busy until it settles, and shows its error in place. */
  onSubmit: () => void | Promise<void>;
  onCancel: () => void;
  /** Greys out the submit button (it stays focusable) and ignores submitting. */
  submitDisabled?: boolean;
  /** What the error bar says (messageOf by default); undefined leaves the bar out. */
  errorMessage?: (error: unknown) => string | undefined;
  /** Fields that show their own error (with fieldErrorOf): an error naming one of them leaves the bar out. */
  inlineFields?: readonly string[];
  /** Enter in a field submits, as in any form (the default). A confirmation turns it off: only its button confirms. */
  enterSubmits?: boolean;
}

export interface FormDialogProps extends DialogFormProps {
  /** True by default, for a dialog that is rendered only while it shows. */
  open?: boolean;
  /** "alert" for a confirmation. */
  modalType?: "modal" | "alert";
  /** The dialog's own submission by default; pass one to act on it from inside (submit another way, clear the error). */
  submission?: Submission;
}

/**
 * A dialog that submits something: title, content, the error in place, submit and cancel.
 * It cannot be dismissed while busy; dismissing it clears the error.
 */
export function FormDialog({ open = true, modalType = "modal", onCancel, submission: given, ...form }: FormDialogProps) {
  const own = useSubmission();
  const submission = given ?? own;
  const cancel = () => {
    if (submission.busy) return;
    submission.clearError();
    onCancel();
  };
  return (
    <Dialog open={open} modalType={modalType} onOpenChange={(_, data) => !data.open && cancel()}>
      <DialogSurface>
        <DialogForm {...form} submission={submission} onCancel={cancel} />
      </DialogSurface>
    </Dialog>
  );
}

/**
 * The inside of a FormDialog, for a dialog that shows something else first (while what it
 * edits loads) and so has its own Dialog and DialogSurface.
 */
export function DialogForm({
  submission,
  title,
  children,
  onSubmit,
  submitDisabled = false,
  errorMessage = messageOf,
  inlineFields = [],
  enterSubmits = true,
  ...buttons
}: DialogFormProps & { submission: Submission }) {
  const styles = useStyles();
  const { busy, error } = submission;
  const submit = () => {
    if (!busy && !submitDisabled) void submission.submit(onSubmit);
  };
  const body = (
    <DialogBody>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent className={styles.content}>
        {typeof children === "function" ? children(error) : children}
        <ErrorBar message={barMessage(error, errorMessage, inlineFields)} />
      </DialogContent>
      <DialogActions>
        <FormButtons {...buttons} busy={busy} submitDisabled={submitDisabled} onSubmit={enterSubmits ? undefined : submit} />
      </DialogActions>
    </DialogBody>
  );
  if (!enterSubmits) return body;
  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit();
      }}
    >
      {body}
    </form>
  );
}

export interface InlineFormProps extends Omit<FormButtonsProps, "busy" | "onSubmit"> {
  /** The form's submission (its caller reads the error for the fields and clears it on cancel). */
  submission: Submission;
  /** May be async: the form stays busy until it settles, and shows its error in place. */
  onSubmit: () => void | Promise<void>;
  className?: string;
  "aria-label"?: string;
  "aria-labelledby"?: string;
  /** What the error bar says (messageOf by default). */
  errorMessage?: (error: unknown) => string | undefined;
  /** Fields that show their own error (with fieldErrorOf): an error naming one of them leaves the bar out. */
  inlineFields?: readonly string[];
  children: ReactNode;
}

/** A form on the page rather than in a dialog: its fields, the error in place, submit and cancel. */
export function InlineForm({
  submission,
  onSubmit,
  className,
  "aria-label": ariaLabel,
  "aria-labelledby": labelledBy,
  errorMessage = messageOf,
  inlineFields = [],
  children,
  submitDisabled = false,
  ...buttons
}: InlineFormProps) {
  return (
    <form
      className={className}
      aria-label={ariaLabel}
      aria-labelledby={labelledBy}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!submission.busy && !submitDisabled) void submission.submit(onSubmit);
      }}
    >
      {children}
      <ErrorBar message={barMessage(submission.error, errorMessage, inlineFields)} />
      <FormActions {...buttons} busy={submission.busy} submitDisabled={submitDisabled} />
    </form>
  );
}
