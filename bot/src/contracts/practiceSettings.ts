import { z } from "zod";

/** Community-level settings for practices and prompts (kept apart so `community.ts` and `practices.ts` need not import each other). */

/** The numbers a community sets for its evidence rules (defaults when absent). */
export const EvidenceRules = z.object({
  /** Managers whose pilot worked before a practice counts as adopted. */
  adoptedMinReports: z.number().int().min(1, "must be at least 1").max(100, "must be at most 100").default(2),
  /** Managers who have kept using it before it counts as a habit (the community's N). */
  habitMinManagers: z.number().int().min(1, "must be at least 1").max(100, "must be at most 100").default(3),
  /** How long each of them must have used it. */
  habitMinWeeks: z.number().int().min(1, "must be at least 1").max(52, "must be at most 52").default(4),
});
export type EvidenceRules = z.infer<typeof EvidenceRules>;
export const DEFAULT_EVIDENCE_RULES: EvidenceRules = EvidenceRules.parse({});

export const HH_MM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 10:00");

/** When the community's prompt goes out: weekly, on a weekday and time in the community's zone. */
export const PromptSettings = z.object({
  enabled: z.boolean().default(true),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1, "must be 1 (Monday) to 7 (Sunday)").max(7, "must be 1 (Monday) to 7 (Sunday)").default(3),
  time: HH_MM.default("10:00"),
});
export type PromptSettings = z.infer<typeof PromptSettings>;
export const DEFAULT_PROMPT_SETTINGS: PromptSettings = PromptSettings.parse({});
