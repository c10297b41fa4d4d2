import { z } from "zod";
import { plainMessage } from "../domain/validation";

/**
 * The slice of an inbound Bot Framework activity the server relies on before botbuilder
 * sees it. botbuilder trusts `req.body` and throws (500) on shapes it does not expect, so
 * the endpoint checks this first and answers 400 with what is wrong. Everything else
 * passes through untouched (`loose`), since Teams adds fields over time. What a reply
 * copies back (the accounts, the conversation, the locale) is typed as botbuilder's
 * serializer wants it: a number there would make every reply to the activity fail.
 */
const Account = z.looseObject({
  id: z.string().min(1).max(1024),
  name: z.string().max(1024).optional(),
  aadObjectId: z.string().max(200).optional(),
  role: z.string().max(64).nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});

export const ActivityEnvelope = z.looseObject({
  type: z.string().min(1).max(64),
  // A reply goes to …/activities/{id}: "." or ".." would be read as a path step, and half a character cannot be put in a URL.
  id: z
    .string()
    .max(1024)
    .regex(/^(?!\.\.?$)(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/, `must be the activity's id: whole characters only, and neither "." nor ".."`)
    .optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({
    // Replies carry it in an HTTP header and in the path, so anything but printable ASCII, or "." and "..", could not be answered (Teams never sends them).
    id: z.string().min(1).max(1024).regex(/^(?!\.\.?$)[\x20-\x7e]+$/, `must be a Teams conversation id: printable ASCII, and neither "." nor ".."`),
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(200).optional(),
    isGroup: z.boolean().nullish(),
    name: z.string().max(1024).nullish(),
    aadObjectId: z.string().max(200).nullish(),
    role: z.string().max(64).nullish(),
    properties: z.record(z.string(), z.unknown()).nullish(),
  }),
  from: Account.optional(),
  recipient: Account.optional(),
  text: z.string().optional(),
  locale: z.string().max(64).nullish(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  membersAdded: z.array(Account).optional(),
  membersRemoved: z.array(Account).optional(),
  action: z.string().max(64).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: z.string().max(200) }).optional(),
      team: z.looseObject({ id: z.string().max(300), name: z.string().max(500).optional() }).optional(),
    })
    .optional(),
});
export type ActivityEnvelope = z.infer<typeof ActivityEnvelope>;

/** The first problem, phrased as `field: message`, for the 400 body. */
export function describeEnvelopeProblem(body: unknown): string | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "body: must be a JSON object (an activity)";
  const parsed = ActivityEnvelope.safeParse(body, { error: plainMessage });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return "body: is not a valid activity";
  const path = issue.path.length ? issue.path.map(String).join(".") : "body";
  return `${path}: ${issue.message}`;
}
