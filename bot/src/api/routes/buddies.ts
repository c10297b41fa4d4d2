import { Router } from "express";
import { BuddyPreferencesUpdateRequest, BuddySettingsUpdateRequest, Id, ProposeRoundRequest, ReflectionRequest, SwapInRoundRequest } from "../../contracts";
import { discardRound, proposeRound, publishRound, readBuddies, recordReflection, swapInRound, updateBuddyPreferences, updateBuddySettings } from "../../commands/buddies";
import { type CommandContext } from "../../commands/context";
import { parseInput } from "../../domain/validation";
import { identityOf } from "../auth";

/** Buddy rounds and peer circles: `/api/communities/{communityId}/buddies/…`. */
export function buddyRoutes(ctx: CommandContext): Router {
  const router = Router();
  const ids = (p: Record<string, string | undefined>) => ({
    communityId: parseInput(Id, p.communityId, "communityId"),
    roundId: p.roundId === undefined ? "" : parseInput(Id, p.roundId, "roundId"),
  });
  const base = "/communities/:communityId/buddies";

  router.get(base, async (req, res) => {
    res.json(await readBuddies(ctx, identityOf(req), ids(req.params).communityId));
  });
  router.post(`${base}/rounds`, async (req, res) => {
    res.status(201).json(await proposeRound(ctx, identityOf(req), ids(req.params).communityId, parseInput(ProposeRoundRequest, req.body ?? {})));
  });
  router.post(`${base}/rounds/:roundId/swap`, async (req, res) => {
    const { communityId, roundId } = ids(req.params);
    res.json(await swapInRound(ctx, identityOf(req), communityId, roundId, parseInput(SwapInRoundRequest, req.body)));
  });
  router.post(`${base}/rounds/:roundId/publish`, async (req, res) => {
    const { communityId, roundId } = ids(req.params);
    res.json(await publishRound(ctx, identityOf(req), communityId, roundId));
  });
  router.post(`${base}/rounds/:roundId/discard`, async (req, res) => {
    const { communityId, roundId } = ids(req.params);
    await discardRound(ctx, identityOf(req), communityId, roundId);
    res.status(204).end();
  });
  router.put(`${base}/rounds/:roundId/reflection`, async (req, res) => {
    const { communityId, roundId } = ids(req.params);
    res.json(await recordReflection(ctx, identityOf(req), communityId, roundId, parseInput(ReflectionRequest, req.body)));
  });
  router.put(`${base}/me`, async (req, res) => {
    res.json(await updateBuddyPreferences(ctx, identityOf(req), ids(req.params).communityId, parseInput(BuddyPreferencesUpdateRequest, req.body)));
  });
  router.put(`${base}/settings`, async (req, res) => {
    res.json(await updateBuddySettings(ctx, identityOf(req), ids(req.params).communityId, parseInput(BuddySettingsUpdateRequest, req.body)));
  });
  return router;
}
