/** The plan editor's draft and the smallest update that saves it. */
import { type AgendaFormat, type AgendaItem, type SessionUpdateRequest, type SessionView } from "../../../../../bot/src/contracts";

/** A part being edited: minutes as typed, so a half-typed number is not lost. */
export type PartDraft = Omit<AgendaItem, "minutes"> & { minutes: string };

export const partDraftOf = (item: AgendaItem): PartDraft => ({ ...item, minutes: String(item.minutes) });

export interface PlanDraft {
  format: AgendaFormat;
  parts: PartDraft[];
  themeTitle: string;
  themeOwnerId: string;
  joinUrl: string;
  cases: { id: string; title: string }[];
}

export function planDraftOf(session: SessionView): PlanDraft {
  return {
    format: session.agendaFormat,
    parts: session.agenda.map(partDraftOf),
    themeTitle: session.theme?.title ?? "",
    themeOwnerId: session.theme?.ownerId ?? "",
    joinUrl: session.joinUrl ?? "",
    cases: session.queuedCases.map((c) => ({ id: c.id, title: c.title })),
  };
}

export interface PlanProblems {
  parts: Map<number, string>;
  minutes: Map<number, string>;
  joinUrl?: string;
  agenda?: string;
}

export function problemsOf(draft: PlanDraft): PlanProblems | undefined {
  const problems: PlanProblems = { parts: new Map(), minutes: new Map() };
  draft.parts.forEach((p, i) => {
    if (!p.title.trim()) problems.parts.set(i, "Give this part a title.");
    const m = Number(p.minutes);
    if (!Number.isInteger(m) || m < 1 || m > 480) problems.minutes.set(i, "1 to 480 minutes.");
  });
  if (draft.parts.length === 0) problems.agenda = "An agenda needs at least one part.";
  const url = draft.joinUrl.trim();
  if (url && !/^https:\/\/[^\s]+$/i.test(url)) problems.joinUrl = "Use an https link, such as the Teams meeting link.";
  return problems.parts.size || problems.minutes.size || problems.joinUrl || problems.agenda ? problems : undefined;
}

const agendaOf = (draft: PlanDraft): AgendaItem[] =>
  draft.parts.map(({ minutes, title, notes, ownerId, part }) => ({
    part,
    title: title.trim(),
    minutes: Number(minutes),
    ...(ownerId ? { ownerId } : {}),
    ...(notes?.trim() ? { notes: notes.trim() } : {}),
  }));

/**
 * Only what changed, or undefined when nothing did. The queue sent is the cases the reader
 * can see; the server keeps any it cannot see.
 */
export function updateOf(session: SessionView, draft: PlanDraft): SessionUpdateRequest | undefined {
  const change: Record<string, unknown> = {};
  if (draft.format !== session.agendaFormat) change.agendaFormat = draft.format;
  const agenda = agendaOf(draft);
  if (JSON.stringify(agenda) !== JSON.stringify(agendaOf(planDraftOf(session)))) change.agenda = agenda;
  const title = draft.themeTitle.trim();
  if (title !== (session.theme?.title ?? "") || (title && draft.themeOwnerId !== (session.theme?.ownerId ?? ""))) {
    change.theme = title ? { title, ...(draft.themeOwnerId ? { ownerId: draft.themeOwnerId } : {}) } : null;
  }
  const url = draft.joinUrl.trim();
  if (url !== (session.joinUrl ?? "")) change.joinUrl = url || null;
  const picked = draft.cases.map((c) => c.id);
  if (JSON.stringify(picked) !== JSON.stringify(session.queuedCases.map((c) => c.id))) change.queuedCaseIds = picked;
  return Object.keys(change).length > 0 ? (change as SessionUpdateRequest) : undefined;
}
