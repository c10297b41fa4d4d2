import { type KeyboardEvent, type ReactNode, Suspense, lazy, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import {
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
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Tab,
  TabList,
  Textarea,
  makeStyles,
  Select,
  tokens,
} from "@fluentui/react-components";
import {
  ARTIFACT_TYPE_LABELS,
  type ArtifactResponse,
  type ArtifactType,
  type CulturalPriority,
  VISIBILITIES,
  VISIBILITY_LABELS,
  type Visibility,
} from "../../../../bot/src/contracts";
import { type ApiClient, isApiError } from "../../api/client";
import { copyText } from "../../lib/clipboard";
import { ErrorState, LoadingState, messageOf } from "../../shell/states";
import {
  type EditorForm,
  type FieldsForm,
  type StepRow,
  type TextRow,
  candidatePaths,
  contentFromForm,
  formFromContent,
  inputId,
  messageForField,
  plainTextOf,
  sameContent,
  stepRow,
  textRow,
} from "./editorModel";
import { type ItemState } from "./itemState";
import { FIELD_LABELS, canBeAnonymous } from "./labels";
import { setLeaveGuard } from "./route";
import { ViewHeader } from "./ViewHeader";
import { cardSurface } from "./surface";

const Markdown = lazy(() => import("./Markdown"));

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px" },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    ...cardSurface,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  fieldset: { border: 0, margin: 0, padding: 0, minWidth: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  hint: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  listRow: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  number: { minWidth: "1.75em", paddingTop: "6px", textAlign: "right", color: tokens.colorNeutralForeground2, fontVariantNumeric: "tabular-nums" },
  grow: { flex: 1, minWidth: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  listError: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, margin: 0 },
  add: { alignSelf: "flex-start" },
  priorities: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalL },
  twoCols: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))", gap: tokens.spacingHorizontalL },
  preview: {
    minHeight: "160px",
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  empty: { color: tokens.colorNeutralForeground2, margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  errorSlot: { ":empty": { display: "none" }, ":focus": { outline: "none" } },
  copyBox: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, width: "100%" },
  copyText: { width: "100%" },
  types: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))", gap: tokens.spacingHorizontalM, margin: 0, padding: 0, listStyle: "none" },
  typeButton: {
    width: "100%",
    height: "100%",
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    justifyContent: "flex-start",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
  },
  typeLabel: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  typeDescription: { color: tokens.colorNeutralForeground2 },
});

type Templates = Awaited<ReturnType<ApiClient["artifactTemplates"]>>["items"];
let templatesCache: Promise<Templates> | undefined;

/** The starter templates, asked for once per visit. */
function useTemplates(api: ApiClient) {
  const [state, setState] = useState<{ status: "loading" | "ready" | "error"; items?: Templates; error?: unknown }>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    templatesCache ??= api.artifactTemplates().then((r) => r.items);
    templatesCache.then(
      (items) => live && setState({ status: "ready", items }),
      (error: unknown) => {
        templatesCache = undefined;
        if (live) setState({ status: "error", error });
      },
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

export type EditorTarget = { mode: "new"; type?: ArtifactType } | { mode: "edit"; item: ItemState };

export interface ArtifactEditorProps {
  api: ApiClient;
  communityId: string;
  userId: string;
  target: EditorTarget;
  priorities: readonly CulturalPriority[];
  /** The peer circles the user belongs to: a circle item goes to one of them. */
  circleIds: readonly string[];
  autoFocus: boolean;
  onChooseType: (type: ArtifactType) => void;
  /** Leave without saving (already confirmed when there were changes). */
  onLeave: () => void;
  onSaved: (saved: ArtifactResponse, mode: "new" | "edit") => void;
  /** After a conflict: the newest version, which the editor now shows. */
  onReloaded: (latest: ArtifactResponse) => void;
  onRetryLoad: () => void;
}

/** "New item" (choose a type, then write) and "Edit". Loaded on demand. */
export default function ArtifactEditor(props: ArtifactEditorProps) {
  const { target, api, autoFocus, onLeave, onChooseType, onRetryLoad } = props;
  const templates = useTemplates(api);

  if (target.mode === "edit") {
    const { item } = target;
    if (item.status !== "ready") {
      return (
        <div>
          <ViewHeader backLabel="Back" onBack={onLeave} title="Edit" headingId="editor-heading" autoFocus={autoFocus} />
          {item.status === "loading" ? <LoadingState label="Opening the editor…" /> : <ErrorState title="We couldn't open this item" error={item.error} onRetry={onRetryLoad} />}
        </div>
      );
    }
    if (!item.data.can.edit) {
      return (
        <div>
          <ViewHeader backLabel="Back to the item" onBack={onLeave} title={item.data.title} headingId="editor-heading" autoFocus={autoFocus} />
          <ErrorState title="You can't edit this item" message="Only the person who shared it, facilitators and leads can edit it. You can still read it and copy its link." />
        </div>
      );
    }
    return <EditorFormView {...props} key={`edit:${item.data.id}`} mode="edit" base={item.data} start={item.data} />;
  }

  if (templates.status !== "ready" || !templates.items) {
    return (
      <div>
        <ViewHeader backLabel="Back to the library" onBack={onLeave} title="New item" headingId="editor-heading" autoFocus={autoFocus} />
        {templates.status === "loading" ? <LoadingState label="Getting the templates…" /> : <ErrorState title="We couldn't load the templates" error={templates.error} onRetry={templates.retry} />}
      </div>
    );
  }
  const template = target.type && templates.items.find((t) => t.type === target.type);
  if (!template) return <TypeChooser templates={templates.items} autoFocus={autoFocus} onChoose={onChooseType} onBack={onLeave} />;
  return <EditorFormView {...props} key={`new:${template.type}`} mode="new" start={template.content} type={template.type} />;
}

function TypeChooser({ templates, autoFocus, onChoose, onBack }: { templates: Templates; autoFocus: boolean; onChoose: (type: ArtifactType) => void; onBack: () => void }) {
  const styles = useStyles();
  return (
    <section className={styles.page} aria-labelledby="editor-heading">
      <ViewHeader backLabel="Back to the library" onBack={onBack} title="What would you like to share?" headingId="editor-heading" autoFocus={autoFocus} />
      <p className={styles.hint}>Pick a starting point. Each one comes with a simple outline you can change.</p>
      <ul className={styles.types} aria-label="Kinds of item">
        {templates.map((t) => (
          <li key={t.type}>
            <Button appearance="outline" className={styles.typeButton} onClick={() => onChoose(t.type)} aria-describedby={`type-${t.type}`}>
              <span className={styles.typeLabel}>{t.label}</span>
              <span id={`type-${t.type}`} className={styles.typeDescription}>
                {t.description}
              </span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface FormViewProps extends ArtifactEditorProps {
  mode: "new" | "edit";
  /** The version the edit starts from; its number is sent as baseVersion. */
  base?: ArtifactResponse;
  start: Parameters<typeof formFromContent>[0];
  type?: ArtifactType;
}

type SaveError = { error: unknown; field?: string };

/** Server fields shown next to another input. */
const SHOWN_AT: Record<string, string> = { circleId: "visibility" };

/** Circles have ids but no names yet: "circle-harbour" reads as "Harbour circle". */
const circleLabel = (id: string) => {
  const words = id.replace(/^circle-/, "").replace(/[-_]+/g, " ").trim();
  return words ? `${words.charAt(0).toUpperCase()}${words.slice(1)} circle` : id;
};

/** The element itself when it takes focus, else its first input (a radio group, say). */
function focusable(element: HTMLElement): HTMLElement {
  if (element.matches("input, textarea, select, button, [tabindex]")) return element;
  return element.querySelector<HTMLElement>("input:checked, input, textarea, select, button") ?? element;
}

function EditorFormView({ api, communityId, userId, mode, base: initialBase, start, type: newType, priorities, circleIds, autoFocus, onLeave, onSaved, onReloaded }: FormViewProps) {
  const styles = useStyles();
  const [base, setBase] = useState(initialBase);
  const [initial, setInitial] = useState(() => formFromContent(start));
  const [form, setForm] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveError>();
  const [errorPath, setErrorPath] = useState<string>();
  const [conflict, setConflict] = useState<{ message: string; reloading: boolean; error?: unknown }>();
  const [yourCopy, setYourCopy] = useState<string>();
  const [copied, setCopied] = useState(false);
  const [leaving, setLeaving] = useState<"cancel" | "back">();
  const [tab, setTab] = useState<"write" | "preview">("write");
  const summaryRef = useRef<HTMLDivElement>(null);
  const copyRef = useRef<HTMLTextAreaElement>(null);

  const type = base?.type ?? newType ?? form.fields.type;
  const dirty = !sameContent(form, initial) || form.note.trim() !== "";

  // Unsaved changes: the browser asks before closing or reloading; Back asks us.
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", beforeUnload);
    const lift = setLeaveGuard(() => setLeaving("back"));
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      lift();
    };
  }, [dirty]);

  // A save failed on a named field: show the message there and put focus on it.
  useLayoutEffect(() => {
    if (!failure) return;
    const field = failure.field && (SHOWN_AT[failure.field] ?? failure.field);
    const path = field ? candidatePaths(field).find((p) => document.getElementById(inputId(p))) : undefined;
    setErrorPath(path);
    const target = path ? document.getElementById(inputId(path)) : summaryRef.current;
    if (target) focusable(target).focus();
  }, [failure]);

  useEffect(() => {
    if (yourCopy !== undefined) copyRef.current?.focus();
  }, [yourCopy]);

  const update = useCallback((patch: Partial<EditorForm>) => setForm((f) => ({ ...f, ...patch })), []);
  const setFields = useCallback((patch: Partial<FieldsForm>) => setForm((f) => ({ ...f, fields: { ...f.fields, ...patch } as FieldsForm })), []);

  const fieldError = (path: string): string | undefined =>
    failure && errorPath === path && isApiError(failure.error) ? messageForField(failure.error.message, failure.field) : undefined;
  const fieldProps = (path: string) => {
    const message = fieldError(path);
    return message ? { validationMessage: message, validationState: "error" as const } : {};
  };

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setFailure(undefined);
    setErrorPath(undefined);
    try {
      const content = contentFromForm(form);
      const saved =
        mode === "new" || !base
          ? await api.createArtifact(communityId, content)
          : await api.updateArtifact(communityId, base.id, { ...content, baseVersion: base.version, ...(form.note.trim() ? { note: form.note.trim() } : {}) });
      setLeaveGuard(null);
      onSaved(saved, mode);
    } catch (error) {
      if (isApiError(error) && error.status === 409) setConflict({ message: error.message, reloading: false });
      else setFailure({ error, field: isApiError(error) ? error.field : undefined });
    } finally {
      setSaving(false);
    }
  };

  const reloadTheirs = async () => {
    if (!base || !conflict) return;
    setConflict({ ...conflict, reloading: true, error: undefined });
    try {
      const latest = await api.artifact(communityId, base.id, { track: false });
      setYourCopy(plainTextOf(form, FIELD_LABELS));
      const next = formFromContent(latest);
      setBase(latest);
      setInitial(next);
      setForm(next);
      setConflict(undefined);
      onReloaded(latest);
    } catch (error) {
      setConflict({ ...conflict, reloading: false, error });
    }
  };

  const cancel = () => {
    if (dirty) setLeaving("cancel");
    else onLeave();
  };

  const leave = () => {
    const how = leaving;
    setLeaving(undefined);
    setLeaveGuard(null);
    if (how === "back") window.history.back();
    else onLeave();
  };

  const title = mode === "new" ? `New ${ARTIFACT_TYPE_LABELS[type].toLowerCase()}` : `Edit “${base?.title ?? form.title}”`;
  const anonymousAllowed = canBeAnonymous(type);
  // Who sees it, and whether it is anonymous, is the author's call; we know who that is only for named items.
  const isAuthor = mode === "new" || (base?.author !== null && base?.author?.id === userId);

  return (
    <section className={styles.page} aria-labelledby="editor-heading">
      <ViewHeader backLabel={mode === "new" ? "Back to the library" : "Back to the item"} onBack={cancel} title={title} headingId="editor-heading" autoFocus={autoFocus} />

      {yourCopy !== undefined && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody className={styles.copyBox}>
            <MessageBarTitle>Their version is loaded. Your text is kept here</MessageBarTitle>
            <span>Copy what you need from it and add it back below, then save.</span>
            <Textarea ref={copyRef} id="your-text-copy" aria-label="Your text before the reload" className={styles.copyText} readOnly value={yourCopy} rows={8} resize="vertical" />
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={async () => {
                setCopied(await copyText(yourCopy));
              }}
            >
              {copied ? "Copied" : "Copy your text"}
            </Button>
            <Button appearance="subtle" onClick={() => setYourCopy(undefined)}>
              Hide
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <div ref={summaryRef} tabIndex={-1} className={styles.errorSlot}>
        {failure && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Not saved yet</MessageBarTitle>
              {errorPath
                ? "One field needs a change; it's marked below. Everything you typed is still here."
                : `${messageOf(failure.error)} Everything you typed is still here; try again.`}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

      <form className={styles.form} noValidate onSubmit={(e) => e.preventDefault()}>
        <div className={styles.card}>
          <Field label="Title" required {...fieldProps("title")}>
            <Input id={inputId("title")} value={form.title} maxLength={160} onChange={(_, d) => update({ title: d.value })} />
          </Field>
          <Field label="Summary" hint="One or two sentences. People see it in the list." {...fieldProps("summary")}>
            <Textarea id={inputId("summary")} value={form.summary} maxLength={500} rows={2} resize="vertical" onChange={(_, d) => update({ summary: d.value })} />
          </Field>
        </div>

        <div className={styles.card}>
          <h3 className={styles.cardTitle}>{ARTIFACT_TYPE_LABELS[type]}</h3>
          <TypeFields fields={form.fields} setFields={setFields} fieldProps={fieldProps} fieldError={fieldError} />
        </div>

        <div className={styles.card}>
          <h3 className={styles.cardTitle} id="notes-label">
            Notes
          </h3>
          <p className={styles.hint}>
            Anything else worth knowing. You can use Markdown: **bold**, - lists, ## headings, [links](https://…).
          </p>
          <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value === "preview" ? "preview" : "write")} aria-label="Notes" size="small">
            <Tab value="write" id="notes-tab-write" aria-controls="notes-panel">
              Write
            </Tab>
            <Tab value="preview" id="notes-tab-preview" aria-controls="notes-panel">
              Preview
            </Tab>
          </TabList>
          <div id="notes-panel" role="tabpanel" aria-labelledby={tab === "write" ? "notes-tab-write" : "notes-tab-preview"}>
            {tab === "write" ? (
              <Field label={{ children: "Notes (Markdown)", className: styles.srOnly }} {...fieldProps("body")}>
                <Textarea id={inputId("body")} value={form.body} rows={10} resize="vertical" onChange={(_, d) => update({ body: d.value })} />
              </Field>
            ) : (
              <div className={styles.preview}>
                {form.body.trim() ? (
                  <Suspense fallback={<Spinner size="tiny" label="Preparing the preview…" />}>
                    <Markdown text={form.body} />
                  </Suspense>
                ) : (
                  <p className={styles.empty}>Nothing to preview yet.</p>
                )}
              </div>
            )}
          </div>
        </div>

        <div className={styles.card}>
          <h3 className={styles.cardTitle}>Sharing</h3>
          {priorities.length > 0 && (
            <fieldset className={styles.fieldset} id={inputId("priorities")} tabIndex={-1}>
              <legend className={styles.legend}>Cultural priorities it supports</legend>
              <div className={styles.priorities}>
                {priorities.map((p) => (
                  <Checkbox
                    key={p.id}
                    label={p.label}
                    checked={form.priorities.includes(p.id)}
                    onChange={(_, d) => update({ priorities: d.checked ? [...form.priorities, p.id] : form.priorities.filter((x) => x !== p.id) })}
                  />
                ))}
              </div>
              {fieldError("priorities") && <p className={styles.listError}>{fieldError("priorities")}</p>}
            </fieldset>
          )}
          <div className={styles.twoCols}>
            <Field label="Topics" hint="Separate them with commas, e.g. 1:1s, feedback" {...fieldProps("topics")}>
              <Input id={inputId("topics")} value={form.topics} onChange={(_, d) => update({ topics: d.value })} />
            </Field>
            <Field label="Review by" hint="We'll flag it then, so it stays true." {...fieldProps("reviewBy")}>
              <Input id={inputId("reviewBy")} type="date" value={form.reviewBy} onChange={(_, d) => update({ reviewBy: d.value })} />
            </Field>
          </div>
          {isAuthor ? (
            <Field
              label="Who can see it"
              hint={form.anonymous ? "Anonymous shares stay inside your peer circle." : undefined}
              {...fieldProps("visibility")}
            >
              <RadioGroup id={inputId("visibility")} value={form.visibility} onChange={(_, d) => update({ visibility: d.value as Visibility })}>
                {VISIBILITIES.map((v) => (
                  <Radio
                    key={v}
                    value={v}
                    label={v === "circle" && circleIds.length === 0 ? `${VISIBILITY_LABELS[v]} (you are not in a peer circle yet)` : VISIBILITY_LABELS[v]}
                    disabled={(form.anonymous && v !== "circle") || (v === "circle" && circleIds.length === 0 && form.visibility !== "circle")}
                  />
                ))}
              </RadioGroup>
            </Field>
          ) : (
            <p className={styles.hint} id={inputId("visibility")} tabIndex={-1}>
              Seen by: {VISIBILITY_LABELS[form.visibility].toLowerCase()}. Only the person who shared it can change this.
            </p>
          )}
          {isAuthor && form.visibility === "circle" && circleIds.length > 1 && (
            <Field label="Which circle" {...fieldProps("circleId")}>
              <Select id={inputId("circleId")} value={form.circleId ?? ""} onChange={(_, d) => update({ circleId: d.value || undefined })}>
                <option value="">Choose a circle</option>
                {circleIds.map((id) => (
                  <option key={id} value={id}>
                    {circleLabel(id)}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {anonymousAllowed && isAuthor && (
            <Field {...fieldProps("anonymous")} hint="Your name won't appear anywhere: not in the library, cards or history.">
              <Checkbox
                id={inputId("anonymous")}
                label="Share without my name"
                checked={form.anonymous}
                onChange={(_, d) => update(d.checked === true ? { anonymous: true, visibility: "circle" } : { anonymous: false })}
              />
            </Field>
          )}
          {anonymousAllowed && !isAuthor && form.anonymous && <p className={styles.hint}>Shared anonymously. Your edits keep it that way.</p>}
          {mode === "edit" && (
            <Field label="What did you change? (optional)" hint="Shown in the history next to this version." {...fieldProps("note")}>
              <Input id={inputId("note")} value={form.note} maxLength={200} onChange={(_, d) => update({ note: d.value })} />
            </Field>
          )}
        </div>

        <div className={styles.actions}>
          <Button appearance="primary" onClick={save} disabledFocusable={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
            {saving ? "Saving…" : mode === "new" ? "Save to the library" : "Save changes"}
          </Button>
          <Button onClick={cancel} disabledFocusable={saving}>
            Cancel
          </Button>
        </div>
      </form>

      <Dialog open={conflict !== undefined} modalType="alert" onOpenChange={(_, d) => !d.open && !conflict?.reloading && setConflict(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Someone saved a newer version</DialogTitle>
            <DialogContent>
              <p>
                While you were editing, someone else saved this item. To keep their work safe, load their version first. Your text stays on screen
                so you can copy it back in.
              </p>
              {conflict?.error !== undefined && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{messageOf(conflict.error)}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={reloadTheirs} disabledFocusable={conflict?.reloading} icon={conflict?.reloading ? <Spinner size="tiny" /> : undefined}>
                Reload their version
              </Button>
              <Button onClick={() => setConflict(undefined)} disabledFocusable={conflict?.reloading}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>

      <Dialog open={leaving !== undefined} modalType="alert" onOpenChange={(_, d) => !d.open && setLeaving(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Leave without saving?</DialogTitle>
            <DialogContent>Your changes haven't been saved. If you leave now, they'll be lost.</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => setLeaving(undefined)}>
                Keep editing
              </Button>
              <Button onClick={leave}>Discard changes</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}

type FieldPropsFn = (path: string) => { validationMessage?: string; validationState?: "error" };

/** The fields of one type: plain text boxes, or lists with Add and Remove. */
function TypeFields({
  fields,
  setFields,
  fieldProps,
  fieldError,
}: {
  fields: FieldsForm;
  setFields: (patch: Partial<FieldsForm>) => void;
  fieldProps: FieldPropsFn;
  fieldError: (path: string) => string | undefined;
}) {
  const text = (name: keyof typeof FIELD_LABELS, value: string, options: { rows?: number; required?: boolean; hint?: string } = {}) => (
    <Field key={name} label={FIELD_LABELS[name]} required={options.required} hint={options.hint} {...fieldProps(`fields.${name}`)}>
      <Textarea id={inputId(`fields.${name}`)} value={value} rows={options.rows ?? 3} resize="vertical" onChange={(_, d) => setFields({ [name]: d.value } as Partial<FieldsForm>)} />
    </Field>
  );
  switch (fields.type) {
    case "case-summary":
      return (
        <>
          {text("situation", fields.situation, { required: true, rows: 4, hint: "What happened, in a few sentences. Leave out names." })}
          {text("question", fields.question, { required: true, rows: 2 })}
          {text("tried", fields.tried)}
          {text("interventions", fields.interventions)}
          {text("successLooksLike", fields.successLooksLike, { rows: 2 })}
          {text("signal", fields.signal, { rows: 2 })}
        </>
      );
    case "checklist":
      return <TextList path="fields.items" rowPath={(i) => `fields.items.${i}.text`} legend="Items to check" noun="item" rows={fields.items} onChange={(items) => setFields({ items })} fieldError={fieldError} />;
    case "one-page-summary":
      return <TextList path="fields.keyPoints" rowPath={(i) => `fields.keyPoints.${i}`} legend={FIELD_LABELS.keyPoints} noun="key point" rows={fields.keyPoints} onChange={(keyPoints) => setFields({ keyPoints })} fieldError={fieldError} />;
    case "decision-log":
      return (
        <>
          {text("decision", fields.decision, { required: true, rows: 2 })}
          {text("context", fields.context)}
          <TextList path="fields.options" rowPath={(i) => `fields.options.${i}`} legend={FIELD_LABELS.options} noun="option" rows={fields.options} onChange={(options) => setFields({ options })} fieldError={fieldError} />
          {text("rationale", fields.rationale)}
          <DecisionFacts owner={fields.owner} decidedOn={fields.decidedOn} setFields={setFields} fieldProps={fieldProps} />
        </>
      );
    case "playbook":
      return <StepList rows={fields.steps} onChange={(steps) => setFields({ steps })} fieldError={fieldError} fieldProps={fieldProps} />;
    case "template":
      return text("whenToUse", fields.whenToUse, { rows: 2 });
    case "reflection":
      return (
        <>
          {text("whatHappened", fields.whatHappened, { required: true, rows: 4 })}
          {text("intended", fields.intended)}
          {text("learned", fields.learned, { rows: 4 })}
        </>
      );
  }
}

function DecisionFacts({ owner, decidedOn, setFields, fieldProps }: { owner: string; decidedOn: string; setFields: (patch: Partial<FieldsForm>) => void; fieldProps: FieldPropsFn }) {
  const styles = useStyles();
  return (
    <div className={styles.twoCols}>
      <Field label={FIELD_LABELS.owner} {...fieldProps("fields.owner")}>
        <Input id={inputId("fields.owner")} value={owner} onChange={(_, d) => setFields({ owner: d.value })} />
      </Field>
      <Field label={FIELD_LABELS.decidedOn} {...fieldProps("fields.decidedOn")}>
        <Input id={inputId("fields.decidedOn")} type="date" value={decidedOn} onChange={(_, d) => setFields({ decidedOn: d.value })} />
      </Field>
    </div>
  );
}

/** Focuses the input with this id once it exists (after an Add re-rendered the list). */
function useFocusLater() {
  const [target, setTarget] = useState<string>();
  useEffect(() => {
    if (!target) return;
    document.getElementById(target)?.focus();
    setTarget(undefined);
  }, [target]);
  return setTarget;
}

function ListShell({ legend, path, error, children }: { legend: string; path: string; error?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <fieldset className={styles.fieldset} id={inputId(path)} tabIndex={-1} aria-describedby={error ? `${inputId(path)}-error` : undefined}>
      <legend className={styles.legend}>{legend}</legend>
      {children}
      {error && (
        <p className={styles.listError} id={`${inputId(path)}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function TextList({
  path,
  rowPath,
  legend,
  noun,
  rows,
  onChange,
  fieldError,
}: {
  path: string;
  rowPath: (index: number) => string;
  legend: string;
  noun: string;
  rows: TextRow[];
  onChange: (rows: TextRow[]) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const styles = useStyles();
  const focusLater = useFocusLater();
  const addAt = (index: number) => {
    const next = rows.slice();
    next.splice(index, 0, textRow());
    onChange(next);
    focusLater(inputId(rowPath(index)));
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    const stay = rows.length > 1 ? rowPath(Math.min(index, rows.length - 2)) : path;
    focusLater(inputId(stay));
  };
  // Enter in a row starts a new row below it, as in any list editor.
  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      addAt(index + 1);
    }
  };
  const capital = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <ListShell legend={legend} path={path} error={fieldError(path)}>
      {rows.map((row, i) => {
        const message = fieldError(rowPath(i));
        return (
          <div key={row.key} className={styles.listRow}>
            <span className={styles.number} aria-hidden="true">
              {i + 1}.
            </span>
            <Field className={styles.grow} label={{ children: `${capital} ${i + 1}`, className: styles.srOnly }} {...(message ? { validationMessage: message, validationState: "error" as const } : {})}>
              <Input
                id={inputId(rowPath(i))}
                value={row.text}
                onChange={(_, d) => onChange(rows.map((r) => (r.key === row.key ? { ...r, text: d.value } : r)))}
                onKeyDown={onKeyDown(i)}
              />
            </Field>
            <Button appearance="subtle" onClick={() => remove(i)} aria-label={`Remove ${noun} ${i + 1}`}>
              Remove
            </Button>
          </div>
        );
      })}
      <Button className={styles.add} onClick={() => addAt(rows.length)}>
        <span aria-hidden="true">+&nbsp;</span>Add {noun}
      </Button>
    </ListShell>
  );
}

function StepList({ rows, onChange, fieldError, fieldProps }: { rows: StepRow[]; onChange: (rows: StepRow[]) => void; fieldError: (path: string) => string | undefined; fieldProps: FieldPropsFn }) {
  const styles = useStyles();
  const focusLater = useFocusLater();
  const set = (key: number, patch: Partial<StepRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    onChange([...rows, stepRow()]);
    focusLater(inputId(`fields.steps.${rows.length}.title`));
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    focusLater(inputId(rows.length > 1 ? `fields.steps.${Math.min(index, rows.length - 2)}.title` : "fields.steps"));
  };
  return (
    <ListShell legend={FIELD_LABELS.steps} path="fields.steps" error={fieldError("fields.steps")}>
      {rows.map((row, i) => (
        <div key={row.key} className={styles.listRow}>
          <div className={styles.grow}>
            <Field label={`Step ${i + 1}`} {...fieldProps(`fields.steps.${i}.title`)}>
              <Input id={inputId(`fields.steps.${i}.title`)} value={row.title} onChange={(_, d) => set(row.key, { title: d.value })} />
            </Field>
            <Field label={{ children: `How to do step ${i + 1} (optional)`, className: styles.srOnly }} {...fieldProps(`fields.steps.${i}.detail`)}>
              <Textarea
                id={inputId(`fields.steps.${i}.detail`)}
                placeholder="How, in a sentence or two (optional)"
                value={row.detail}
                rows={2}
                resize="vertical"
                onChange={(_, d) => set(row.key, { detail: d.value })}
              />
            </Field>
          </div>
          <Button appearance="subtle" onClick={() => remove(i)} aria-label={`Remove step ${i + 1}`}>
            Remove
          </Button>
        </div>
      ))}
      <Button className={styles.add} onClick={add}>
        <span aria-hidden="true">+&nbsp;</span>Add step
      </Button>
    </ListShell>
  );
}
