import { z } from "zod";

/**
 * The slice of an inbound Bot Framework activity the server relies on before botbuilder
 * sees it. botbuilder trusts `req.body` and throws (500) on shapes it does not expect, so
 * the endpoint checks this first and answers 400 with what is wrong. Everything else
 * passes through untouched (`loose`), since Teams adds fields over time.
 */
const Account = z.looseObject({
  id: z.string().min(1).max(1024),
  name: z.string().max(1024).optional(),
  aadObjectId: z.string().max(200).optional(),
});

export const ActivityEnvelope = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(1024).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(200).optional(),
  }),
  from: Account.optional(),
  recipient: Account.optional(),
  text: z.string().optional(),
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
  const parsed = ActivityEnvelope.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return "body: is not a valid activity";
  const path = issue.path.length ? issue.path.map(String).join(".") : "body";
  return `${path}: ${issue.message}`;
}
