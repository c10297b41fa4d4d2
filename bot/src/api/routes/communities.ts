import { Router } from "express";
import { ArtifactListQuery, Id } from "../../contracts";
import { listArtifacts } from "../../commands/artifactLister";
import { readCommunity } from "../../commands/communityReader";
import { readMe } from "../../commands/meReader";
import { type CommandContext } from "../../commands/context";
import { identityOf } from "../auth";
import { presentArtifactSummary } from "../presenters/artifact";
import { presentCommunity } from "../presenters/community";
import { parseInput } from "../validate";

/** `/api/me` and `/api/communities/{communityId}/…`: authenticate → validate → command → presenter. */
export function communityRoutes(ctx: CommandContext): Router {
  const router = Router();

  router.get("/me", async (req, res) => {
    res.json(await readMe(ctx, identityOf(req)));
  });

  router.get("/communities/:communityId", async (req, res) => {
    const communityId = parseInput(Id, req.params.communityId);
    const { community, actor, memberCount } = await readCommunity(ctx, identityOf(req), communityId);
    res.json(presentCommunity(community, actor.role, memberCount));
  });

  router.get("/communities/:communityId/artifacts", async (req, res) => {
    const communityId = parseInput(Id, req.params.communityId);
    const query = parseInput(ArtifactListQuery, req.query);
    const { page, authors } = await listArtifacts(ctx, identityOf(req), communityId, query);
    res.json({ items: page.items.map((a) => presentArtifactSummary(a, authors)), continuationToken: page.continuationToken });
  });

  return router;
}
