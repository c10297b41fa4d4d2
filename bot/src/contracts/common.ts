import { z } from "zod";

/** Identifiers we mint or receive from Teams: printable, bounded, safe inside Cosmos ids and URLs. */
export const Id = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .regex(/^[A-Za-z0-9._:@-]+$/, "may contain only letters, digits and . _ : @ -");
export type Id = z.infer<typeof Id>;

/**
 * Zones already checked: every member read checks theirs, and building a DateTimeFormat
 * each time cost a sixth of the server's time under load. Bounded, since spellings in other
 * letter cases are accepted too and could otherwise grow it without end.
 */
const KNOWN_ZONES = new Set<string>();
const MAX_KNOWN_ZONES = 2000;

/** An IANA time zone that this runtime (server or browser) can format in. */
export const TimeZone = z.string().refine(isKnownTimeZone, {
  message: "must be an IANA time zone such as Europe/Berlin",
});

export function isKnownTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  if (KNOWN_ZONES.has(value)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
  } catch {
    return false;
  }
  if (KNOWN_ZONES.size < MAX_KNOWN_ZONES) KNOWN_ZONES.add(value);
  return true;
}

export const IsoInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 instant, e.g. 2026-11-20T09:00:00Z" });

export const ROLES = ["member", "facilitator", "lead", "sponsor"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Short human text: a title or a name. */
export const Label = (max = 120) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** A slug for tags and priorities: lower-case words joined by hyphens. */
export const Slug = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens, e.g. psychological-safety");

/** The one error body every 4xx/5xx carries. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A page of results and the opaque token for the next one (null when there is none). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), continuationToken: z.string().nullable() });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be at least 1").max(100, "must be at most 100").default(25),
  continuationToken: z.string().max(4000, "is too long").optional(),
});
