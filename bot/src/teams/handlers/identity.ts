import { type Activity } from "botbuilder";
import { Id } from "../../contracts";
import { type Identity } from "../../policies";
import { readTeamsContext } from "../teamsContext";

/**
 * The person behind an invoke, as our commands know them: tenant from
 * `channelData.tenant.id`, user from `from.aadObjectId`, name from `from.name`. Bot
 * Framework authentication has vouched for the activity; null when Teams left out the
 * tenant or the Entra id (e.g. a guest or an anonymous meeting participant).
 */
export function identityOf(activity: Partial<Activity>): Identity | null {
  const where = readTeamsContext(activity);
  if (!where.tenantId || !Id.safeParse(where.tenantId).success || !where.user) return null;
  return { tenantId: where.tenantId, userId: where.user.userId, displayName: where.user.displayName?.trim() ?? "" };
}

/** The Teams team the invoke came from, when it came from a channel. */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  return readTeamsContext(activity).team?.id;
}
