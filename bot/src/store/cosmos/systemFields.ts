import { isDeepStrictEqual } from "node:util";

/** Fields Cosmos adds to every document; they never leave the store. */
export const SYSTEM_FIELDS = ["_rid", "_self", "_ts", "_etag", "_attachments", "_lsn"] as const;

export type RawDocument = Record<string, unknown>;

const isPlainObject = (value: unknown): value is RawDocument => typeof value === "object" && value !== null && !Array.isArray(value);

/** A copy without system fields; `keep` names the ones a caller needs (the snapshot keeps `_ts` for TTL). */
export function stripSystemFields<T>(value: T, keep: readonly string[] = []): T {
  if (!isPlainObject(value)) return value;
  const copy: RawDocument = { ...value };
  for (const field of SYSTEM_FIELDS) if (!keep.includes(field)) delete copy[field];
  return copy as T;
}

/** True when the stored document holds exactly what was sent, i.e. an earlier attempt did apply. */
export function storedAsSent(stored: RawDocument, sent: object): boolean {
  return isDeepStrictEqual(stripSystemFields(stored), JSON.parse(JSON.stringify(sent)));
}
