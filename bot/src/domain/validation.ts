import { type z } from "zod";
import { badRequest } from "./errors";

/**
 * Parses one input at a boundary (an API body, a card's data, a command's argument); the
 * first problem becomes a 400 naming the field and what to fix, e.g. `limit: must be at
 * most 100`. `field` names an input that is a bare value rather than an object.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, field?: string): z.infer<T> {
  const result = schema.safeParse(input, { error: plainMessage });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [field, ...issue.path.map(String)].filter(Boolean).join(".");
  if (!path && issue.code === "invalid_type" && issue.expected === "object") {
    throw badRequest("Send a JSON object as the request body, with the header Content-Type: application/json.");
  }
  throw badRequest(path ? `${path}: ${issue.message}` : issue.message, path || undefined);
}

const KINDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  map: "an object",
  array: "a list",
  tuple: "a list",
  set: "a list",
  date: "a date",
  null: "null",
};

const list = (values: readonly unknown[]) => {
  const shown = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return shown.length > 1 ? `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}` : (shown[0] ?? "");
};

const FORMATS: Record<string, string> = {
  date: "must be a date such as 2026-11-30",
  datetime: "must be an ISO 8601 instant, e.g. 2026-11-20T09:00:00Z",
  time: "must be a time of day such as 09:30",
  url: "must be a web address such as https://example.com",
  email: "must be an email address such as amara@contoso.com",
  uuid: "must be an id such as 3c9e2f7a-5d41-4b8c-9e26-d3e0c1a5e001",
};

/**
 * Zod's own English ("Invalid input: expected string, received number") in plain words
 * for the person sending it. Only issues without a message of their own get here: a
 * schema's message (`must not be empty`) always wins.
 */
export function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      if (issue.expected === "number" || issue.expected === "int") {
        const n = issue.input;
        if (typeof n === "number" && Number.isNaN(n)) return "must be a number";
        if (typeof n === "number" && !Number.isFinite(n)) return "must be a finite number";
      }
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${list(issue.values)}` : `must be one of ${list(issue.values)}`;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      return options?.length ? `must be one of ${list(options)}` : "is not in any of the accepted forms";
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (max >= Number.MAX_SAFE_INTEGER) return "must be a much smaller number";
      if (issue.origin === "string") return `must be at most ${max} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `must have at most ${max} entries`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (min <= -Number.MAX_SAFE_INTEGER) return "must be a much larger number";
      if (issue.origin === "string") return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `must have at least ${min} ${min === 1 ? "entry" : "entries"}`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case "invalid_format":
      return FORMATS[issue.format] ?? `is not in the expected format (${issue.format})`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `has fields this request does not take: ${issue.keys.join(", ")}. Remove them`;
    case "invalid_key": {
      const why = issue.issues[0]?.message;
      return why ? `is not an accepted key: ${why}` : "is not an accepted key";
    }
    case "invalid_element":
      return "has an entry that is not accepted";
    default:
      return "is not valid";
  }
}
