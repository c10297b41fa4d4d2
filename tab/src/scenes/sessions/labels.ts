/** Words the Sessions scene shows for the server's names: one place, so views and editor agree. */
import { type AGENDA_PARTS, type AgendaFormat, type AgendaItem, type Role } from "../../../../bot/src/contracts";

export type AgendaPart = (typeof AGENDA_PARTS)[number];

export const PART_LABELS: Record<AgendaPart, string> = {
  input: "Input",
  discussion: "Discussion",
  planning: "Other needs and planning",
  round: "Check-in round",
  "open-floor": "Open floor",
  "wrap-up": "Wrap-up",
  "case-clinic": "Case clinic",
};

export const FORMAT_LABELS: Record<AgendaFormat, string> = {
  standard: "Standard hour: input, discussion, planning",
  open: "Open format: round, open floor, wrap-up",
};

export const ROLE_LABELS: Record<Role, string> = { member: "Member", facilitator: "Facilitator", lead: "Lead", sponsor: "Sponsor" };

/** The starting parts for each format, offered when a facilitator switches format. */
export const DEFAULT_AGENDAS: Record<AgendaFormat, AgendaItem[]> = {
  standard: [
    { part: "input", title: "Input from the facilitator or a guest", minutes: 15 },
    { part: "discussion", title: "Discussion", minutes: 30 },
    { part: "planning", title: "Other needs and planning the next meeting", minutes: 15 },
  ],
  open: [
    { part: "round", title: "Check-in round", minutes: 15 },
    { part: "open-floor", title: "Open floor", minutes: 35 },
    { part: "wrap-up", title: "Wrap-up", minutes: 10 },
  ],
};

export const ENERGY_LABELS: Record<number, string> = { 1: "Drained", 2: "Low", 3: "Steady", 4: "Good", 5: "Full of energy" };
export const USEFULNESS_LABELS: Record<number, string> = { 1: "Not useful", 2: "A little", 3: "Useful", 4: "Very useful", 5: "Exceptional" };
