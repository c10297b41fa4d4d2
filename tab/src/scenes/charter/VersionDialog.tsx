import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatDate } from "../../lib/format";
import { useAsync } from "../../lib/useAsync";
import { ErrorState, LoadingState } from "../../shell/states";
import { CharterText } from "./CharterText";
import { type CharterEnv } from "./env";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** One version of the charter as it read then, read-only. */
export function VersionDialog({ env, version, onClose }: { env: CharterEnv; version: number; onClose: () => void }) {
  const styles = useStyles();
  const found = useAsync((signal) => env.api.charterVersion(env.communityId, version, signal), [env.api, env.communityId, version]);
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            Version {version}
            {found.status === "ready" && found.data.current ? " (current)" : ""}
          </DialogTitle>
          <DialogContent className={styles.content} data-testid="version-dialog">
            {found.status === "loading" && <LoadingState label={`Loading version ${version}…`} />}
            {found.status === "error" && <ErrorState title={`We couldn't load version ${version}`} error={found.error} onRetry={found.retry} />}
            {found.status === "ready" && (
              <>
                <Text className={styles.muted}>
                  Saved {formatDate(found.data.updatedAt, env.locale)} by {found.data.updatedByName}
                  {found.data.note ? `: “${found.data.note}”` : ""}
                </Text>
                <CharterText content={found.data.content} idPrefix={`version-${version}`} />
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
