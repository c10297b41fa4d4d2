/**
 * The pure part of the Progress map scene: which row and cell a practice sits in, which
 * stages it may move to, and the one-line summaries the cards and the timeline show.
 */
import {
  type LatestEvidence,
  PILOT_OUTCOME_LABELS,
  PRACTICE_STAGE_LABELS,
  PRACTICE_STAGES,
  type PracticeStage,
  type PracticeView,
  type ProgressMapView,
  type TimelineEvent,
} from "../../../../bot/src/contracts";
import { plural } from "../../lib/format";

/** The row for practices whose priority the community no longer lists. */
export const OTHER_ROW = "other";

export interface MapRow {
  /** The priority's id, or OTHER_ROW. */
  key: string;
  label: string;
  cells: Record<PracticeStage, PracticeView[]>;
}

const emptyCells = (): Record<PracticeStage, PracticeView[]> => ({ concept: [], piloting: [], adopted: [], habit: [] });

/** The row a practice sits in: its priority when the community lists it, else "Other". */
export function rowKeyOf(practice: Pick<PracticeView, "priority">, priorities: readonly { id: string }[]): string {
  return priorities.some((p) => p.id === practice.priority) ? practice.priority : OTHER_ROW;
}

/**
 * The map's rows: every priority in the community's order (empty ones too, so the grid
 * keeps its shape), then "Other" when some practice needs it. Cards keep the server's order.
 */
export function mapRows(map: Pick<ProgressMapView, "priorities">, practices: readonly PracticeView[]): MapRow[] {
  const rows: MapRow[] = map.priorities.map((p) => ({ key: p.id, label: p.label, cells: emptyCells() }));
  const other: MapRow = { key: OTHER_ROW, label: "Other", cells: emptyCells() };
  for (const practice of practices) {
    const row = rows.find((r) => r.key === practice.priority) ?? other;
    row.cells[practice.stage].push(practice);
  }
  if (PRACTICE_STAGES.some((s) => other.cells[s].length > 0)) rows.push(other);
  return rows;
}

/** The stages a practice may be moved to: one back and one forward. */
export function neighbours(stage: PracticeStage): PracticeStage[] {
  const i = PRACTICE_STAGES.indexOf(stage);
  return [PRACTICE_STAGES[i - 1], PRACTICE_STAGES[i + 1]].filter((s): s is PracticeStage => s !== undefined);
}

export const isNeighbour = (from: PracticeStage, to: PracticeStage) => neighbours(from).includes(to);
export const isForward = (from: PracticeStage, to: PracticeStage) => PRACTICE_STAGES.indexOf(to) > PRACTICE_STAGES.indexOf(from);

/** "3 piloting", or that nobody is. */
export function pilotingLabel(activePilots: number): string {
  return activePilots > 0 ? `${activePilots.toLocaleString()} piloting` : "No one piloting now";
}

/** The latest evidence in one line: a report's outcome and what changed, or a move's reason; then who. */
export function evidenceLine(latest: LatestEvidence | null): string {
  if (!latest) return "No evidence yet";
  if (latest.kind === "report") {
    const what = latest.whatChanged.trim() || latest.signal.trim();
    return `${PILOT_OUTCOME_LABELS[latest.outcome]}${what ? `: ${what}` : ""} — ${latest.byName}`;
  }
  return `Moved to ${PRACTICE_STAGE_LABELS[latest.to]}: ${latest.reason} — ${latest.byName}`;
}

/** The evidence counted at a move, e.g. "2 managers piloting, 2 reported it worked, 0 still using it". */
export function evidenceCounts(e: { pilotingManagers: number; workedManagers: number; sustainedManagers: number }): string {
  return `${plural(e.pilotingManagers, "manager", "managers")} piloting, ${e.workedManagers.toLocaleString()} reported it worked, ${e.sustainedManagers.toLocaleString()} still using it`;
}

/** What happened, in a sentence, for the timeline (dates are shown beside it). */
export function eventTitle(event: TimelineEvent): string {
  switch (event.kind) {
    case "created":
      return event.byName ? `Added by ${event.byName}` : "Added to the map";
    case "move":
      return `${event.byName} moved it from ${PRACTICE_STAGE_LABELS[event.from]} to ${PRACTICE_STAGE_LABELS[event.to]}`;
    case "pilot":
      return `${event.byName} started a pilot`;
    case "report":
      return `${event.byName} reported: ${PILOT_OUTCOME_LABELS[event.outcome]}`;
  }
}
