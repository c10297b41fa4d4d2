import { Router } from "express";
import { Id } from "../../contracts";
import { readCommunity } from "../../commands/communityReader";
import { readMe } from "../../commands/meReader";
import { type CommandContext } from "../../commands/context";
import { identityOf } from "../auth";
import { presentCommunity } from "../presenters/community";
import { parseInput } from "../../domain/validation";

/** `/api/me` and `/api/communities/{communityId}`: authenticate → validate → command → presenter. */
export function communityRoutes(ctx: CommandContext): Router {
  const router = Router();

  router.get("/me", async (req, res) => {
    res.json(await readMe(ctx, identityOf(req)));
  });

  router.get("/communities/:communityId", async (req, res) => {
    const communityId = parseInput(Id, req.params.communityId, "communityId");
    const { community, actor, memberCount } = await readCommunity(ctx, identityOf(req), communityId);
    res.json(presentCommunity(community, actor.role, actor.circleIds, memberCount));
  });

  return router;
}
