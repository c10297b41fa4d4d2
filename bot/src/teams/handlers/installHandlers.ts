import { type TurnContext } from "botbuilder";
import { type InstallationResult, recordInstallation } from "../../commands/installationRecorder";
import { Id } from "../../contracts";
import { welcomeCard } from "../cards";
import { conversationReferenceOf, readTeamsContext } from "../teamsContext";
import { type BotDeps, type RouteHandler } from "./deps";
import { postCard } from "./reply";

/**
 * Stores where the bot now lives. Returns null when Teams did not say enough to store it
 * (no usable tenant id, or a channel without its team): the welcome still goes out. What
 * Teams says about the installer is only kept within the record's limits.
 */
async function record(turn: TurnContext, deps: BotDeps): Promise<InstallationResult | null> {
  const where = readTeamsContext(turn.activity);
  if (!where.tenantId || !Id.safeParse(where.tenantId).success || !where.conversationId || (where.scope === "team" && !where.team)) {
    deps.log.warn({ event: "installation_not_recorded", scope: where.scope, hasTenant: Boolean(where.tenantId), hasTeam: Boolean(where.team) }, "install event without a usable tenant or team");
    return null;
  }
  const user = where.user;
  return recordInstallation(deps.ctx, {
    tenantId: where.tenantId,
    conversationId: where.conversationId,
    scope: where.scope,
    reference: conversationReferenceOf(turn.activity),
    installer: user && { userId: user.userId, displayName: user.displayName?.slice(0, 500), timeZone: user.timeZone && user.timeZone.length <= 64 ? user.timeZone : undefined },
    team: where.team,
  });
}

/**
 * The bot was added to a chat or team (conversationUpdate): record it and welcome
 * everyone once. Teams also sends installationUpdate for the same install; that route
 * records only, so people see a single welcome card.
 */
export const onBotAdded: RouteHandler = async (turn, deps) => {
  const result = await record(turn, deps);
  const where = readTeamsContext(turn.activity);
  await postCard(
    turn,
    welcomeCard({
      scope: where.scope,
      communityName: result?.community?.name,
      firstInstall: result?.newlyLinked,
      leadName: result?.leadAdded ? where.user?.displayName : undefined,
      links: deps.links,
    }),
  );
};

/** installationUpdate add/add-upgrade: make sure the reference and team link exist; no message. */
export const onInstallAdd: RouteHandler = async (turn, deps) => {
  await record(turn, deps);
};
