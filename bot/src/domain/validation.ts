import { type z } from "zod";
import { badRequest } from "./errors";

/**
 * Parses one input at a boundary (an API body, a card's data, a command's argument); the
 * first problem becomes a 400 naming the field and what to fix, e.g. `limit: must be at
 * most 100`. `field` names an input that is a bare value rather than an object.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, field?: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [field, ...issue.path.map(String)].filter(Boolean).join(".");
  throw badRequest(path ? `${path}: ${issue.message}` : issue.message, path || undefined);
}
