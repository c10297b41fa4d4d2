import { Router } from "express";
import { Id } from "../../contracts";
import { acknowledgeCharter, assignRole, listMembers, readCharter, readCharterVersion, readNewcomer, updateCharter } from "../../commands/charter";
import { type CommandContext } from "../../commands/context";
import { parseInput } from "../../domain/validation";
import { identityOf } from "../auth";

/**
 * The charter (read, a lead's edit on a base version, "I've read it", past versions), the
 * newcomer path and people with their roles: `/api/communities/{communityId}/…`. Bodies
 * are checked by the commands against the contracts; ids in the path here.
 */
export function charterRoutes(ctx: CommandContext): Router {
  const router = Router();
  const base = "/communities/:communityId";
  const id = (p: Record<string, string | undefined>, name: string) => parseInput(Id, p[name], name);
  const community = (p: Record<string, string | undefined>) => id(p, "communityId");

  router.get(`${base}/charter`, async (req, res) => {
    res.json(await readCharter(ctx, identityOf(req), community(req.params)));
  });
  router.put(`${base}/charter`, async (req, res) => {
    res.json(await updateCharter(ctx, identityOf(req), community(req.params), req.body));
  });
  router.post(`${base}/charter/acknowledge`, async (req, res) => {
    res.json(await acknowledgeCharter(ctx, identityOf(req), community(req.params), req.body));
  });
  router.get(`${base}/charter/versions/:version`, async (req, res) => {
    res.json(await readCharterVersion(ctx, identityOf(req), community(req.params), req.params.version));
  });
  router.get(`${base}/newcomer`, async (req, res) => {
    res.json(await readNewcomer(ctx, identityOf(req), community(req.params)));
  });
  router.get(`${base}/members`, async (req, res) => {
    res.json(await listMembers(ctx, identityOf(req), community(req.params)));
  });
  router.put(`${base}/members/:userId/role`, async (req, res) => {
    res.json(await assignRole(ctx, identityOf(req), community(req.params), id(req.params, "userId"), req.body));
  });
  return router;
}
