/** Pure view logic for the Sessions scene: what to say about a session, a rota, a follow-up. */
import { type CheckInAnswers, type CheckInRequest, type RotaResponse, type SessionView } from "../../../../bot/src/contracts";
import { plural } from "../../lib/format";

export type Member = RotaResponse["members"][number];
export type Swap = RotaResponse["swaps"][number];

/** Names by user id, from the rota's members: agenda parts and themes carry ids only. */
export function namesOf(members: readonly Member[] | undefined): ReadonlyMap<string, string> {
  return new Map((members ?? []).map((m) => [m.userId, m.displayName] as const));
}

/** "You", the person's name, or (once the rota is known and they are not in it) "A member". */
export function nameOf(names: ReadonlyMap<string, string>, id: string | undefined, me?: string): string | undefined {
  if (!id) return undefined;
  if (id === me) return "You";
  return names.get(id) ?? (names.size > 0 ? "A member" : undefined);
}

/** The rota's names plus the session's facilitator, who is named even before the rota loads. */
export function namesFor(names: ReadonlyMap<string, string>, session: Pick<SessionView, "facilitator">): ReadonlyMap<string, string> {
  const f = session.facilitator;
  if (!f || names.get(f.userId) === f.displayName) return names;
  return new Map([...names, [f.userId, f.displayName]]);
}

export function agendaMinutes(session: Pick<SessionView, "agenda">): number {
  return session.agenda.reduce((sum, item) => sum + item.minutes, 0);
}

/** "4 going · 1 can't make it · 3 checked in". */
export function countsLine(session: SessionView): string {
  const parts = [`${session.rsvp.going.toLocaleString()} going`];
  if (session.rsvp.notGoing > 0) parts.push(`${session.rsvp.notGoing.toLocaleString()} can't make it`);
  parts.push(`${session.checkIns.count.toLocaleString()} checked in`);
  return parts.join(" · ");
}

/**
 * An average that is only shown over a big enough group: the value, or why there is none
 * ("Shown from 5 check-ins; 3 so far"), so a null never reads as zero.
 */
export function averageText(average: number | null, count: number, minimum: number, noun: { one: string; many: string }): { value: string; note?: string } {
  if (average !== null) return { value: `${average.toFixed(1)} of 5`, note: `from ${plural(count, noun.one, noun.many)}` };
  return { value: "—", note: `Shown from ${plural(minimum, noun.one, noun.many)}${count > 0 ? `; ${count.toLocaleString()} so far` : ""}, so no one's answer can be worked out.` };
}

export interface CheckInDraft {
  win: string;
  challenge: string;
  ask: string;
  /** "" when not given. */
  energy: string;
  practice: string;
  private: boolean;
}

export function draftOf(answers: CheckInAnswers | null): CheckInDraft {
  return {
    win: answers?.win ?? "",
    challenge: answers?.challenge ?? "",
    ask: answers?.ask ?? "",
    energy: answers?.energy ? String(answers.energy) : "",
    practice: answers?.practice ?? "",
    private: answers?.private ?? false,
  };
}

export function checkInRequestOf(draft: CheckInDraft): CheckInRequest {
  const energy = Number(draft.energy);
  return {
    win: draft.win.trim(),
    challenge: draft.challenge.trim(),
    ask: draft.ask.trim(),
    ...(Number.isInteger(energy) && energy >= 1 && energy <= 5 ? { energy } : {}),
    practice: draft.practice.trim(),
    private: draft.private,
  };
}

/** True when the draft says nothing at all: a check-in needs at least one answer or an energy. */
export function isEmptyDraft(draft: CheckInDraft): boolean {
  return !draft.win.trim() && !draft.challenge.trim() && !draft.ask.trim() && !draft.practice.trim() && !draft.energy;
}

/** What I may do with a swap request: answer one addressed to me, withdraw my own. */
export function swapActionFor(swap: Swap, me: string): "answer" | "withdraw" | null {
  if (swap.status !== "pending") return null;
  if (swap.toUserId === me) return "answer";
  if (swap.fromUserId === me) return "withdraw";
  return null;
}

/** The swap's state in words, from the reader's side. */
export function swapText(swap: Swap, me: string): string {
  const from = swap.fromUserId === me ? "You" : swap.from.displayName;
  const to = swap.toUserId === me ? "you" : swap.to.displayName;
  const asked = `${from} asked ${to} to take over`;
  switch (swap.status) {
    case "pending":
      return `${asked}. Waiting for an answer.`;
    case "accepted":
      return `${asked}. Accepted.`;
    case "declined":
      return `${asked}. Declined.`;
    case "withdrawn":
      return `${asked}. Withdrawn.`;
  }
}

/** Someone who could take a session over: in the rotation, not me, not away on that day. */
export function swapCandidates(members: readonly Member[], me: string, sessionDay: string): Member[] {
  return members
    .filter((m) => m.userId !== me && m.willing && m.role !== "sponsor" && !(m.awayUntil && m.awayUntil >= sessionDay))
    .sort((a, b) => a.facilitated - b.facilitated || a.displayName.localeCompare(b.displayName));
}

/** Members as follow-up owners, me first. */
export function ownerOptions(members: readonly Member[], me: string): Member[] {
  return [...members].sort((a, b) => (a.userId === me ? -1 : b.userId === me ? 1 : a.displayName.localeCompare(b.displayName)));
}

/** The session most people want first: the next one that is still on, else the next one. */
export function defaultSessionId(items: readonly SessionView[]): string | undefined {
  return (items.find((s) => s.status === "scheduled") ?? items[0])?.id;
}

/** The library cases picked for a session: visible titles plus how many the reader cannot see. */
export function hiddenCasesText(hidden: number): string | undefined {
  if (hidden <= 0) return undefined;
  return `${plural(hidden, "more case", "more cases")} queued from a circle you're not in.`;
}
