import { type z } from "zod";
import { badRequest } from "../domain/errors";

/**
 * Parses one boundary input; the first problem becomes a 400 naming the field and
 * what to fix, e.g. `limit: must be at most 100`.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".");
  throw badRequest(field ? `${field}: ${issue.message}` : issue.message, field || undefined);
}
