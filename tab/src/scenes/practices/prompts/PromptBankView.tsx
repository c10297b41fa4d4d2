import { useRef, useState } from "react";
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { PROMPT_KIND_LABELS, type PromptView } from "../../../../../bot/src/contracts";
import { formatDateTime, plural } from "../../../lib/format";
import { ConfirmDialog } from "../../../shell/ConfirmDialog";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../../shell/states";
import { cardSurface, plainList, sectionHeading } from "../../sessions/surface";
import { useKept } from "../../sessions/useKept";
import { type PracticesEnv } from "../env";
import { CadenceSettings } from "./CadenceSettings";
import { PromptDialog } from "./PromptDialog";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  top: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  heading: sectionHeading,
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: { ...cardSurface, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  retired: { backgroundColor: tokens.colorNeutralBackground2 },
  meta: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  text: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type Dialog = { kind: "add" } | { kind: "edit"; prompt: PromptView } | { kind: "post"; prompt: PromptView };

/** The prompt bank: what goes out and when. Facilitators and leads edit it; everyone can read it. */
export default function PromptBankView({ env }: { env: PracticesEnv }) {
  const styles = useStyles();
  const bank = useKept((signal) => env.api.promptBank(env.communityId, signal), [env.api, env.communityId]);
  const [dialog, setDialog] = useState<Dialog>();
  const [toggling, setToggling] = useState<string>();
  const root = useRef<HTMLDivElement>(null);

  if (bank.status === "loading") return <LoadingState label="Loading the prompt bank…" />;
  if (bank.status === "error") return <ErrorState title="We couldn't load the prompt bank" error={bank.error} onRetry={bank.reload} />;
  const data = bank.data;
  const manage = data.can.manage;

  const replace = (prompt: PromptView) => bank.update((b) => ({ ...b, prompts: b.prompts.map((p) => (p.id === prompt.id ? prompt : p)) }));
  const focus = (selector: string) => requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(selector)?.focus());
  const focusPrompt = (id: string, action: string) => focus(`[data-prompt-id="${CSS.escape(id)}"] [data-action="${action}"]`);

  const setActive = async (prompt: PromptView, active: boolean, undoing = false) => {
    setToggling(prompt.id);
    try {
      const { prompt: changed } = await env.api.updatePrompt(env.communityId, prompt.id, { active });
      replace(changed);
      if (active) env.toast(undoing ? `“${changed.text}” is back in the bank.` : `“${changed.text}” is back: it can go out again.`);
      else
        env.toast(`Retired “${changed.text}”. It won't go out again.`, {
          id: "retired",
          action: {
            label: "Undo",
            run: () => {
              void setActive(changed, true, true);
            },
          },
        });
    } catch (error) {
      env.toast(`${active ? "It wasn't brought back." : "It wasn't retired."} ${messageOf(error)}`, { intent: "error" });
    } finally {
      setToggling(undefined);
    }
  };

  return (
    <div className={styles.view} ref={root}>
      <section className={styles.section} aria-labelledby="cadence-heading">
        <h3 id="cadence-heading" className={styles.heading}>
          Weekly prompt
        </h3>
        <CadenceSettings
          env={env}
          bank={data}
          onSaved={(settings, nextPostAt) => {
            bank.update((b) => ({ ...b, settings, nextPostAt }));
            env.toast("The cadence is saved.");
          }}
        />
      </section>
      <section className={styles.section} aria-labelledby="prompts-heading">
        <div className={styles.top}>
          <h3 id="prompts-heading" className={styles.heading}>
            Prompts
          </h3>
          {manage && (
            <Button appearance="primary" onClick={() => setDialog({ kind: "add" })} data-action="add">
              Add prompt
            </Button>
          )}
        </div>
        {data.prompts.length === 0 ? (
          <EmptyState title="The prompt bank is empty">
            {manage
              ? "Add a discussion question, a reflective prompt or a weekly question, each tied to one of the community's values."
              : "Your facilitators haven't added prompts yet."}
          </EmptyState>
        ) : (
          <ul className={styles.list} aria-labelledby="prompts-heading" data-testid="prompts">
            {data.prompts.map((prompt) => {
              const textId = `prompt-${prompt.id}-text`;
              return (
                <li key={prompt.id}>
                  <article className={mergeClasses(styles.card, !prompt.active && styles.retired)} aria-labelledby={textId} data-prompt-id={prompt.id}>
                    <div className={styles.meta}>
                      <Badge appearance="tint" color="brand" shape="rounded">
                        {PROMPT_KIND_LABELS[prompt.kind]}
                      </Badge>
                      <Badge appearance="outline" color="informative" shape="rounded">
                        {prompt.value}
                      </Badge>
                      {!prompt.active && (
                        <Badge appearance="filled" color="subtle" shape="rounded">
                          Retired
                        </Badge>
                      )}
                    </div>
                    <h4 id={textId} className={styles.text}>
                      {prompt.text}
                    </h4>
                    <Text size={200} className={styles.muted}>
                      {prompt.timesPosted === 0 ? "Not posted yet" : `Posted ${plural(prompt.timesPosted, "time", "times")}`}
                      {prompt.lastPostedAt ? `, last on ${formatDateTime(prompt.lastPostedAt, env.locale)}` : ""}
                    </Text>
                    {manage && (
                      <div className={styles.actions}>
                        <Button size="small" onClick={() => setDialog({ kind: "edit", prompt })} data-action="edit" aria-label={`Edit: ${prompt.text}`}>
                          Edit
                        </Button>
                        <Button
                          size="small"
                          disabledFocusable={toggling === prompt.id}
                          onClick={() => void setActive(prompt, !prompt.active)}
                          data-action="toggle"
                          aria-label={`${prompt.active ? "Retire" : "Bring back"}: ${prompt.text}`}
                        >
                          {prompt.active ? "Retire" : "Bring back"}
                        </Button>
                        {prompt.active && (
                          <Button size="small" onClick={() => setDialog({ kind: "post", prompt })} data-action="post" aria-label={`Post now: ${prompt.text}`}>
                            Post now
                          </Button>
                        )}
                      </div>
                    )}
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {(dialog?.kind === "add" || dialog?.kind === "edit") && (
        <PromptDialog
          env={env}
          values={data.values}
          prompt={dialog.kind === "edit" ? dialog.prompt : undefined}
          onClose={() => {
            setDialog(undefined);
            if (dialog.kind === "edit") focusPrompt(dialog.prompt.id, "edit");
            else focus(`[data-action="add"]`);
          }}
          onSaved={(saved) => {
            if (dialog.kind === "edit") replace(saved);
            else bank.update((b) => ({ ...b, prompts: [...b.prompts, saved] }));
            setDialog(undefined);
            focusPrompt(saved.id, "edit");
            env.toast(dialog.kind === "edit" ? "The prompt is saved." : `“${saved.text}” is in the bank.`);
          }}
        />
      )}
      <ConfirmDialog
        open={dialog?.kind === "post"}
        title="Post this prompt now?"
        confirmLabel="Post now"
        busyLabel="Posting…"
        onCancel={() => {
          if (dialog?.kind === "post") focusPrompt(dialog.prompt.id, "post");
          setDialog(undefined);
        }}
        onConfirm={async () => {
          if (dialog?.kind !== "post") return;
          const { posting } = await env.api.postPromptNow(env.communityId, dialog.prompt.id);
          const id = dialog.prompt.id;
          bank.update((b) => ({ ...b, prompts: b.prompts.map((p) => (p.id === id ? { ...p, timesPosted: p.timesPosted + 1, lastPostedAt: posting.postedAt } : p)) }));
          setDialog(undefined);
          focusPrompt(id, "post");
          env.toast("Posted. Everyone gets it in Teams; answers show under Reflections.");
        }}
      >
        {dialog?.kind === "post" ? `“${dialog.prompt.text}” goes to everyone in the community in Teams now, as a message they can answer. It can't be taken back.` : ""}
      </ConfirmDialog>
    </div>
  );
}
