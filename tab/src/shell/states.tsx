/** The three states every screen can be in besides "here is your data". */
import { type ReactNode } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { isApiError } from "../api/client";

const useStyles = makeStyles({
  centered: {
    display: "flex",
    justifyContent: "center",
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
  },
  error: { maxWidth: "720px", margin: `${tokens.spacingVerticalL} auto` },
  errorText: { marginTop: tokens.spacingVerticalXXS },
  empty: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: tokens.spacingVerticalS,
    maxWidth: "520px",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
  },
  emptyTitle: { margin: 0 },
  emptyBody: { color: tokens.colorNeutralForeground2 },
  emptyActions: { marginTop: tokens.spacingVerticalM, display: "flex", gap: tokens.spacingHorizontalS },
});

export function LoadingState({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.centered} role="status">
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

/** The message to show for any failure: ours and the server's are written for people. */
export function messageOf(error: unknown): string {
  if (isApiError(error)) return error.message;
  return "Something unexpected went wrong. Try again; if it keeps happening, reload the tab.";
}

export function ErrorState({
  title,
  error,
  message,
  onRetry,
  children,
}: {
  title: string;
  error?: unknown;
  /** Replaces the error's own message when we know better what to say. */
  message?: string;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.error}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          <div className={styles.errorText}>{message ?? messageOf(error)}</div>
          {children}
        </MessageBarBody>
        {onRetry && (
          <MessageBarActions>
            <Button onClick={onRetry}>Try again</Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}

export function EmptyState({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      <Text as="h2" size={500} weight="semibold" className={styles.emptyTitle}>
        {title}
      </Text>
      <Text className={styles.emptyBody}>{children}</Text>
      {actions && <div className={styles.emptyActions}>{actions}</div>}
    </div>
  );
}
