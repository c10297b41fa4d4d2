import { Id } from "../../contracts";
import { welcomeNewMembers } from "../../commands/onboarding";
import { conversationReferenceOf, readTeamsContext } from "../teamsContext";
import { type RouteHandler } from "./deps";

/**
 * People joined a team (conversationUpdate with membersAdded): in a team linked to a
 * community they become members and get one personal welcome card, queued here and sent
 * by the scheduler. Nothing is posted in the channel. Teams names each person by their
 * Entra object id (`aadObjectId`); the name in the event is used as is (when there is one).
 */
export const onMembersAdded: RouteHandler = async (turn, deps) => {
  const activity = turn.activity;
  const where = readTeamsContext(activity);
  if (!where.tenantId || !Id.safeParse(where.tenantId).success || !where.team || !where.conversationId) return;
  const botId = activity.recipient?.id;
  const people = (activity.membersAdded ?? [])
    .filter((m) => m.id !== botId && typeof m.aadObjectId === "string" && Id.safeParse(m.aadObjectId).success)
    .map((m) => ({ userId: m.aadObjectId!, displayName: m.name?.slice(0, 500) }))
    .slice(0, 500);
  if (people.length === 0) return;
  await welcomeNewMembers(deps.ctx, {
    tenantId: where.tenantId,
    teamId: where.team.id,
    conversationId: where.conversationId,
    reference: conversationReferenceOf(activity),
    people,
  });
};
