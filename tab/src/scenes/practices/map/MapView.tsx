import { type DragEvent, Suspense, lazy, useEffect, useRef, useState } from "react";
import { Button, Spinner, Text, ToggleButton, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { PRACTICE_STAGE_LABELS, type PracticeStage, type PracticeView } from "../../../../../bot/src/contracts";
import { formatCalendarDate } from "../../../lib/format";
import { ConfirmDialog } from "../../../shell/ConfirmDialog";
import { EmptyState, ErrorState, LoadingState } from "../../../shell/states";
import { plainList } from "../../sessions/surface";
import { useKept } from "../../sessions/useKept";
import { type PracticesEnv } from "../env";
import { isNeighbour, mapRows, rowKeyOf } from "../model";
import { MoveDialog } from "./MoveDialog";
import { PilotDialog } from "./PilotDialog";
import { PracticeCard } from "./PracticeCard";
import { PracticeDialog } from "./PracticeDialog";
import { RulesDialog } from "./RulesDialog";
import { useStageTop } from "./stageStyles";

const TimelineDialog = lazy(() => import("./TimelineDialog"));

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  toolbar: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  tools: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  scroller: { overflowX: "auto" },
  table: { width: "100%", minWidth: "820px", tableLayout: "fixed", borderCollapse: "separate", borderSpacing: tokens.spacingHorizontalXS },
  caption: { textAlign: "start", captionSide: "top", paddingBottom: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  corner: { width: "132px", textAlign: "start", verticalAlign: "bottom", fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, padding: tokens.spacingHorizontalS },
  stageHead: {
    textAlign: "start",
    verticalAlign: "top",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  stageLabel: { display: "block", fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  stageRule: { display: "block", marginTop: tokens.spacingVerticalXXS, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  rowHead: {
    textAlign: "start",
    verticalAlign: "top",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    overflowWrap: "anywhere",
  },
  cell: {
    verticalAlign: "top",
    padding: tokens.spacingHorizontalXS,
    minHeight: "64px",
    height: "64px",
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  droppable: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStrokeAccessible}` },
  over: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  dropHint: { display: "block", padding: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground1, fontSize: tokens.fontSizeBase200 },
  cards: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

type Dialog =
  | { kind: "move"; practice: PracticeView; to: PracticeStage }
  | { kind: "pilot"; practice: PracticeView }
  | { kind: "withdraw"; practice: PracticeView }
  | { kind: "add" }
  | { kind: "edit"; practice: PracticeView }
  | { kind: "rules" };

interface Drag {
  id: string;
  row: string;
  stage: PracticeStage;
}

/** Where focus goes once a dialog closes or a card moved: a card's Move button, its name, or the toolbar. */
type FocusTarget = { id: string; role: "move" | "open" | "pilot" | "withdraw" } | { tool: string };

/**
 * The progress map: the community's cultural priorities as rows, the four stages as columns
 * (each with its written rule), every practice a card in its cell. A card moves by drag and
 * drop or by its Move menu, always through a dialog that asks why.
 */
export function MapView({ env, openPractice, onOpenPractice }: { env: PracticesEnv; openPractice?: string; onOpenPractice: (id?: string) => void }) {
  const styles = useStyles();
  const stageTop = useStageTop();
  const map = useKept((signal) => env.api.progressMap(env.communityId, signal), [env.api, env.communityId]);
  const [onlyMine, setOnlyMine] = useState(false);
  const [dialog, setDialog] = useState<Dialog>();
  const [drag, setDrag] = useState<Drag>();
  const dragRef = useRef<Drag | undefined>(undefined);
  const [over, setOver] = useState<string>();
  const [focusTarget, setFocusTarget] = useState<FocusTarget>();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusTarget) return;
    const frame = requestAnimationFrame(() => {
      const el =
        "tool" in focusTarget
          ? root.current?.querySelector<HTMLElement>(`[data-tool="${focusTarget.tool}"]`)
          : (root.current?.querySelector<HTMLElement>(`[data-practice-id="${CSS.escape(focusTarget.id)}"] [data-role="${focusTarget.role}"]`) ??
            root.current?.querySelector<HTMLElement>(`[data-practice-id="${CSS.escape(focusTarget.id)}"] [data-role="open"]`));
      el?.focus();
      setFocusTarget(undefined);
    });
    return () => cancelAnimationFrame(frame);
  }, [focusTarget, map.data]);

  if (map.status === "loading") return <LoadingState label="Loading the progress map…" />;
  if (map.status === "error") return <ErrorState title="We couldn't load the progress map" error={map.error} onRetry={map.reload} />;
  const data = map.data;

  const replace = (practice: PracticeView) => map.update((m) => ({ ...m, practices: m.practices.map((p) => (p.id === practice.id ? practice : p)) }));
  const close = (target?: FocusTarget) => {
    setDialog(undefined);
    if (target) setFocusTarget(target);
  };

  const startDrag = (practice: PracticeView) => (event: DragEvent) => {
    const d: Drag = { id: practice.id, row: rowKeyOf(practice, data.priorities), stage: practice.stage };
    dragRef.current = d;
    setDrag(d);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", practice.name);
  };
  const endDrag = () => {
    dragRef.current = undefined;
    setDrag(undefined);
    setOver(undefined);
  };
  const accepts = (row: string, stage: PracticeStage, d = dragRef.current) => d !== undefined && d.row === row && isNeighbour(d.stage, stage);
  const dropHandlers = (row: string, stage: PracticeStage) => ({
    onDragEnter: (event: DragEvent) => {
      if (!accepts(row, stage)) return;
      event.preventDefault();
      setOver(`${row}:${stage}`);
    },
    onDragOver: (event: DragEvent) => {
      if (!accepts(row, stage)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      if (over !== `${row}:${stage}`) setOver(`${row}:${stage}`);
    },
    onDragLeave: (event: DragEvent) => {
      if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) setOver((o) => (o === `${row}:${stage}` ? undefined : o));
    },
    onDrop: (event: DragEvent) => {
      const d = dragRef.current;
      endDrag();
      if (!d || !accepts(row, stage, d)) return;
      event.preventDefault();
      const practice = data.practices.find((p) => p.id === d.id);
      if (practice) setDialog({ kind: "move", practice, to: stage });
    },
  });

  const shown = onlyMine ? data.practices.filter((p) => p.myPilot) : data.practices;
  const rows = mapRows(data, shown);
  const canMoveAny = data.practices.some((p) => p.can.move);

  return (
    <div className={styles.view} ref={root}>
      <div className={styles.toolbar}>
        <div className={styles.tools}>
          <ToggleButton checked={onlyMine} onClick={() => setOnlyMine((v) => !v)} data-tool="mine">
            My pilots
          </ToggleButton>
          <Text className={styles.muted} role="status" data-testid="map-count">
            {onlyMine ? `${shown.length} of ${data.practices.length} practices: the ones you pilot` : `${data.practices.length} practices`}
          </Text>
          {/* After a pilot or a rule changed, the map stays usable while the server works out the evidence anew. */}
          {map.refreshing && <Spinner size="extra-tiny" label="Updating the map…" labelPosition="after" />}
        </div>
        {(data.can.manage || data.can.editRules) && (
          <div className={styles.tools}>
            {data.can.editRules && (
              <Button onClick={() => setDialog({ kind: "rules" })} data-tool="rules">
                Evidence rules
              </Button>
            )}
            {data.can.manage && (
              <Button appearance="primary" onClick={() => setDialog({ kind: "add" })} data-tool="add">
                Add practice
              </Button>
            )}
          </div>
        )}
      </div>
      {canMoveAny && <Text className={styles.muted}>To move a practice, drag its card to the next or the previous stage in its row, or use its Move button. Every move asks why.</Text>}

      {data.practices.length === 0 ? (
        <EmptyState
          title="No practices on the map yet"
          actions={
            data.can.manage ? (
              <Button appearance="primary" onClick={() => setDialog({ kind: "add" })}>
                Add practice
              </Button>
            ) : undefined
          }
        >
          {data.can.manage
            ? "Add a practice someone brought to a session: it starts as a concept, and moves on as managers pilot it."
            : "When a facilitator adds a practice someone brought to a session, it shows here, with the pilots that prove it."}
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title="You're not piloting a practice" actions={<Button onClick={() => setOnlyMine(false)}>Show all practices</Button>}>
          {data.can.pilot ? "Pick a practice on the map and choose “Start a pilot”: try it with your team for a few weeks, then say how it went." : "Managers who pilot a practice see it here."}
        </EmptyState>
      ) : (
        <div className={styles.scroller}>
          <table className={styles.table} data-testid="progress-map" aria-busy={map.refreshing}>
            <caption className={styles.caption}>Practices by cultural priority (rows) and stage (columns)</caption>
            <thead>
              <tr>
                <th scope="col" className={styles.corner}>
                  Priority
                </th>
                {data.stages.map((s) => (
                  <th key={s.stage} scope="col" className={mergeClasses(styles.stageHead, stageTop[s.stage])} data-stage={s.stage}>
                    <span className={styles.stageLabel}>{s.label}</span>
                    <span className={styles.stageRule}>{s.rule}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row" className={styles.rowHead}>
                    {row.label}
                  </th>
                  {data.stages.map(({ stage }) => {
                    const cellKey = `${row.key}:${stage}`;
                    const droppable = drag !== undefined && accepts(row.key, stage, drag);
                    const practices = row.cells[stage];
                    return (
                      <td key={stage} className={mergeClasses(styles.cell, droppable && styles.droppable, over === cellKey && styles.over)} data-stage={stage} {...dropHandlers(row.key, stage)}>
                        {droppable && <span className={styles.dropHint}>Drop to move to {PRACTICE_STAGE_LABELS[stage]}</span>}
                        {practices.length > 0 && (
                          <ul className={styles.cards}>
                            {practices.map((practice) => (
                              <li key={practice.id}>
                                <PracticeCard
                                  env={env}
                                  practice={practice}
                                  dragging={drag?.id === practice.id}
                                  onOpen={() => onOpenPractice(practice.id)}
                                  onMove={(to) => setDialog({ kind: "move", practice, to })}
                                  onStartPilot={() => setDialog({ kind: "pilot", practice })}
                                  onWithdraw={() => setDialog({ kind: "withdraw", practice })}
                                  onDragStart={startDrag(practice)}
                                  onDragEnd={endDrag}
                                />
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog?.kind === "move" && (
        <MoveDialog
          env={env}
          practice={dialog.practice}
          to={dialog.to}
          stages={data.stages}
          onClose={() => close({ id: dialog.practice.id, role: "move" })}
          onMoved={(moved) => {
            replace(moved);
            close({ id: moved.id, role: "move" });
            env.toast(`“${moved.name}” moved to ${PRACTICE_STAGE_LABELS[moved.stage]}.`);
          }}
        />
      )}
      {dialog?.kind === "pilot" && (
        <PilotDialog
          env={env}
          practice={dialog.practice}
          onClose={() => close({ id: dialog.practice.id, role: "pilot" })}
          onStarted={(pilot) => {
            const practice = dialog.practice;
            // The server counts the pilot into the practice's evidence and progress: the map comes back from it.
            map.reload();
            close({ id: practice.id, role: "open" });
            env.toast(`You're piloting “${practice.name}”. We'll check back on ${formatCalendarDate(pilot.checkBackOn, env.locale)}.`);
          }}
        />
      )}
      <ConfirmDialog
        open={dialog?.kind === "withdraw"}
        title="Withdraw from this pilot?"
        confirmLabel="Withdraw"
        busyLabel="Withdrawing…"
        cancelLabel="Keep piloting"
        onCancel={() => dialog?.kind === "withdraw" && close({ id: dialog.practice.id, role: "withdraw" })}
        onConfirm={async () => {
          if (dialog?.kind !== "withdraw") return;
          const practice = dialog.practice;
          await env.api.withdrawPilot(env.communityId, practice.myPilot!.id);
          map.reload();
          close({ id: practice.id, role: "open" });
          env.toast(`You've withdrawn from piloting “${practice.name}”.`);
        }}
      >
        {dialog?.kind === "withdraw"
          ? `Your pilot of “${dialog.practice.name}” stops, and it no longer counts as evidence. You can start a new one later.`
          : ""}
      </ConfirmDialog>
      {(dialog?.kind === "add" || dialog?.kind === "edit") && (
        <PracticeDialog
          env={env}
          priorities={data.priorities}
          practice={dialog.kind === "edit" ? dialog.practice : undefined}
          onClose={() => close(dialog.kind === "edit" ? { id: dialog.practice.id, role: "open" } : { tool: "add" })}
          onSaved={(saved) => {
            if (dialog.kind === "edit") replace(saved);
            else map.update((m) => ({ ...m, practices: [...m.practices, saved] }));
            setOnlyMine(false);
            close({ id: saved.id, role: "open" });
            env.toast(dialog.kind === "edit" ? `“${saved.name}” is saved.` : `“${saved.name}” is on the map as a concept.`);
          }}
        />
      )}
      {dialog?.kind === "rules" && (
        <RulesDialog
          env={env}
          rules={data.rules}
          onClose={() => close({ tool: "rules" })}
          onSaved={() => {
            // The stages' written rules and every practice's progress follow from the rules: the server says them anew.
            map.reload();
            close({ tool: "rules" });
            env.toast("The evidence rules are saved. The map shows them now.");
          }}
        />
      )}
      {openPractice && !dialog && (
        <Suspense fallback={null}>
          <TimelineDialog
            env={env}
            practiceId={openPractice}
            priorities={data.priorities}
            onChanged={map.reload}
            onEdit={(practice) => {
              onOpenPractice(undefined);
              setDialog({ kind: "edit", practice });
            }}
            onClose={() => {
              onOpenPractice(undefined);
              setFocusTarget({ id: openPractice, role: "open" });
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
