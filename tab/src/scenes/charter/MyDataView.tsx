/**
 * "Your data": a member downloads everything they contributed in this community, or has it
 * anonymised and leaves. Erasing is confirmed by typing their name, and its dialog says
 * plainly what stays (their contributions, signed "A former member") and what ends (their
 * membership).
 */
import { useEffect, useRef, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type EraseCounts, type EraseMeResponse } from "../../../../bot/src/contracts";
import { type ApiClient } from "../../api/client";
import { FormDialog, fieldErrorOf } from "../../shell/FormDialog";
import { messageOf } from "../../shell/states";
import { saveDownload } from "../sessions/download";
import { type Toast } from "../sessions/env";
import { cardSurface } from "../sessions/surface";

export interface MyDataViewProps {
  api: ApiClient;
  communityId: string;
  displayName: string;
  toast: Toast;
}

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "720px" },
  part: { ...cardSurface, display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  heading: { margin: 0 },
  text: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

const normalise = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ");

const COUNT_LABELS: [keyof EraseCounts, string, string][] = [
  ["artifacts", "library item", "library items"],
  ["artifactVersions", "item version", "item versions"],
  ["checkIns", "check-in", "check-ins"],
  ["rsvps", "RSVP", "RSVPs"],
  ["feedback", "piece of feedback", "pieces of feedback"],
  ["followUps", "follow-up", "follow-ups"],
  ["promptAnswers", "prompt answer", "prompt answers"],
  ["pilots", "pilot", "pilots"],
  ["buddyReflections", "buddy reflection", "buddy reflections"],
  ["mentions", "other mention of you", "other mentions of you"],
];

/** "12 check-ins, 3 library items and 1 pilot", leaving out what there was none of. */
export function describeCounts(counts: EraseCounts): string {
  const parts = COUNT_LABELS.filter(([key]) => counts[key] > 0).map(([key, one, many]) => `${counts[key].toLocaleString()} ${counts[key] === 1 ? one : many}`);
  if (parts.length === 0) return "There was nothing of yours to anonymise.";
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
  return `Anonymised: ${list}.`;
}

/** Download my data, or delete my contributions (anonymised) and leave the community. */
export default function MyDataView({ api, communityId, displayName, toast }: MyDataViewProps) {
  const styles = useStyles();
  const [downloading, setDownloading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState<EraseMeResponse>();
  const done = useRef<HTMLDivElement>(null);
  // The dialog's button is gone with the dialog: focus goes to what happened.
  useEffect(() => {
    if (erased) done.current?.focus();
  }, [erased]);

  const download = async () => {
    setDownloading(true);
    try {
      saveDownload(await api.myData(communityId));
      toast("A copy of your data is downloading.");
    } catch (error) {
      toast(`We couldn't make your copy. ${messageOf(error)}`, { intent: "error" });
    } finally {
      setDownloading(false);
    }
  };

  if (erased) {
    return (
      <div className={styles.view} data-testid="my-data">
        <MessageBar intent="success" layout="multiline" data-testid="erased" ref={done} tabIndex={-1}>
          <MessageBarBody>
            <MessageBarTitle>Your contributions are anonymised and you have left the community</MessageBarTitle>
            <div>{erased.message}</div>
            <div>{describeCounts(erased.counts)}</div>
          </MessageBarBody>
        </MessageBar>
        <Text className={styles.text}>You won't get this community's reminders or cards any more. If you want to come back, ask a lead to add you again.</Text>
        <div>
          <Button appearance="primary" onClick={() => window.location.reload()}>
            Reload the tab
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className={styles.view} data-testid="my-data">
      <section className={styles.part} aria-labelledby="my-data-download-heading">
        <Text as="h3" id="my-data-download-heading" size={400} weight="semibold" className={styles.heading}>
          Download your data
        </Text>
        <Text className={styles.text}>
          A copy of everything you contributed in this community: your library items, RSVPs, check-ins, feedback, follow-ups, prompt answers, pilots and buddy reflections, with your preferences. It is a JSON file you can open in any text editor.
        </Text>
        <Button onClick={() => void download()} disabledFocusable={downloading} icon={downloading ? <Spinner size="tiny" /> : undefined}>
          Download my data
        </Button>
      </section>
      <section className={styles.part} aria-labelledby="my-data-erase-heading">
        <Text as="h3" id="my-data-erase-heading" size={400} weight="semibold" className={styles.heading}>
          Delete your contributions
        </Text>
        <Text className={styles.text}>
          What you shared stays for the community to learn from, but without your name: it shows as “A former member”. Then you leave the community. You may want to download your data first.
        </Text>
        <Button onClick={() => setConfirming(true)}>
          Delete my contributions
        </Button>
      </section>
      {confirming && (
        <EraseDialog
          displayName={displayName}
          onErase={async (typed) => {
            const result = await api.eraseMe(communityId, typed);
            setConfirming(false);
            setErased(result);
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

function EraseDialog({ displayName, onErase, onCancel }: { displayName: string; onErase: (typed: string) => Promise<void>; onCancel: () => void }) {
  const styles = useStyles();
  const [typed, setTyped] = useState("");
  const matches = normalise(typed) === normalise(displayName);
  const fieldError = (error: unknown) => fieldErrorOf(error, "confirm")?.replace(/^confirm:\s*/, "");
  return (
    <FormDialog
      title="Delete your contributions?"
      submitLabel="Delete my contributions"
      busyLabel="Deleting…"
      submitDisabled={!matches}
      modalType="alert"
      enterSubmits={false}
      onSubmit={() => onErase(typed)}
      onCancel={onCancel}
      inlineFields={["confirm"]}
      errorMessage={(error) => `Nothing was deleted. ${messageOf(error)}`}
    >
      {(error) => (
        <>
          <Text>This is what happens:</Text>
          <ul className={styles.list}>
            <li>Everything you shared (library items, check-ins, feedback, answers, pilots, reflections) stays for the community, but anonymised: it shows as “A former member” and nothing links it to you.</li>
            <li>Drafts only you could see are deleted.</li>
            <li>You leave the community: no more reminders or cards from it.</li>
            <li>It can't be undone.</li>
          </ul>
          <Field
            label={`To confirm, type your name: ${displayName}`}
            required
            validationMessage={fieldError(error)}
            hint="Exactly as shown, capital letters included."
          >
            <Input value={typed} onChange={(_, data) => setTyped(data.value)} autoComplete="off" spellCheck={false} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}

