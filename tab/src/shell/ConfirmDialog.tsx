import { type ReactNode } from "react";
import { FormDialog } from "./FormDialog";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Shown while `onConfirm` runs, e.g. "Deleting…". */
  busyLabel?: string;
  cancelLabel?: string;
  /** May be async: the dialog stays open and busy until it settles, and shows its error. */
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
}

/** Asks before something that matters happens; a failure is shown in place, nothing is lost. */
export function ConfirmDialog({ children, confirmLabel, onConfirm, ...rest }: ConfirmDialogProps) {
  return (
    <FormDialog {...rest} modalType="alert" enterSubmits={false} submitLabel={confirmLabel} onSubmit={onConfirm}>
      <div>{children}</div>
    </FormDialog>
  );
}
