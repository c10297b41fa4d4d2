import { type ReactNode, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { messageOf } from "./states";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

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
export function ConfirmDialog({ open, title, children, confirmLabel, busyLabel, cancelLabel = "Cancel", onConfirm, onCancel }: ConfirmDialogProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    if (busy) return;
    setError(undefined);
    onCancel();
  };

  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => !data.open && cancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            <div>{children}</div>
            {error !== undefined && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{messageOf(error)}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={confirm} disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
              {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
            </Button>
            <Button onClick={cancel} disabledFocusable={busy}>
              {cancelLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
