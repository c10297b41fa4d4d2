import { type TurnContext } from "botbuilder";
import { readPreferences } from "../../commands/preferences";
import { type CommandContext } from "../../commands/context";
import { isKnownTimeZone } from "../../contracts";
import { FIELD_NAMES } from "../../contracts/cardActions";
import { isAppError } from "../../domain/errors";
import { type Identity } from "../../policies";
import { noticeCard, type TimeDisplay } from "../cards";
import { readTeamsContext } from "../teamsContext";
import { communityChoiceOf, JOIN_FIRST, WHO_ARE_YOU } from "./communityOf";
import { type BotDeps } from "./deps";
import { identityOf, teamIdOf } from "./identity";
import { replyWithCard } from "./reply";

/** A refusal a command explains itself (an AppError below 500): its sentence; anything else is rethrown. */
export function refusalOf(error: unknown): string {
  if (isAppError(error) && error.status < 500) return error.message;
  throw error;
}

/** What to do about something a card points at that is gone: cards stay in the chat long after they are posted. */
const GONE_HINT = "It may have been removed since this card was posted: open the Circles tab to see what's current.";

/**
 * The refusal as people read it on a card. A command names the field a refusal is about
 * first, for API callers ("practiceId: only the closing check-in can count towards a
 * practice."); in Teams that reads "Only the closing check-in can count towards a
 * practice.", or "The practice must …". Something a card points at that is gone ("That
 * session was not found.") also says what to do about it.
 */
export function refusalSentence(error: unknown): string {
  const message = refusalOf(error);
  if (isAppError(error) && error.status === 404) return `${message} ${GONE_HINT}`;
  const field = isAppError(error) ? error.field : undefined;
  if (!field || !message.startsWith(`${field}: `)) return message;
  const rest = message.slice(field.length + 2).trim().replace(/\.$/, "");
  if (!rest) return message;
  const sentence = /^(must|is|are|can|cannot|should)\b/.test(rest) ? `${FIELD_NAMES[field] ?? "This"} ${rest}` : `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
  return `${sentence}.`;
}

/** Runs a command; a refusal becomes `onRefused(sentence)`, anything else propagates. */
export async function orRefusal<T, R>(work: Promise<T>, onRefused: (message: string) => R): Promise<T | R> {
  try {
    return await work;
  } catch (error) {
    return onRefused(refusalSentence(error));
  }
}

/** The community's name as the person's membership index lists it (one point read); empty when they are not in it. */
export async function communityNameOf(ctx: CommandContext, identity: Identity, communityId: string): Promise<string> {
  const memberships = await ctx.repos.directory.getMemberships(identity.tenantId, identity.userId);
  return memberships.find((m) => m.communityId === communityId)?.communityName ?? "";
}

/**
 * How this turn's cards show times. Where several people read (channel, group chat) each
 * device shows its own time; in a personal chat, the member's zone from their preferences
 * (else the zone Teams reports for the device).
 */
export async function displayFor(turn: TurnContext, deps: BotDeps, identity: Identity, communityId: string, known?: string | null): Promise<TimeDisplay> {
  const where = readTeamsContext(turn.activity);
  if (where.scope !== "personal") return "device";
  if (known && isKnownTimeZone(known)) return { zone: known };
  const stored = await readPreferences(deps.ctx, identity, communityId).then(
    (p) => p.timeZone,
    (error: unknown) => (refusalOf(error), undefined),
  );
  const zone = stored || where.user?.timeZone;
  return zone && isKnownTimeZone(zone) ? { zone } : "device";
}

/** The Teams user id (MRI) of the person acting: what `refresh.userIds` lists. */
export const actorMriOf = (turn: TurnContext): string | undefined => turn.activity.from?.id || undefined;

export interface CommandReader {
  identity: Identity;
  community: { id: string; name: string };
}

/**
 * Who is typing and in which community (the team's, else their first). Answers the turn
 * itself, and gives null, when Teams left out who they are or they are in no community.
 */
export async function readerOf(turn: TurnContext, deps: BotDeps): Promise<CommandReader | null> {
  const identity = identityOf(turn.activity);
  if (!identity) {
    await replyWithCard(turn, noticeCard(WHO_ARE_YOU.heading, WHO_ARE_YOU.sessions, deps.links));
    return null;
  }
  const { current } = await communityChoiceOf(deps.ctx, identity, teamIdOf(turn.activity));
  if (!current) {
    await replyWithCard(turn, noticeCard(JOIN_FIRST.heading, JOIN_FIRST.sessions, deps.links));
    return null;
  }
  return { identity, community: current };
}
