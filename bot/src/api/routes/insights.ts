import { Router, type Response } from "express";
import { Id } from "../../contracts";
import { type CommandContext } from "../../commands/context";
import { eraseMe, exportMyData } from "../../commands/dataRights";
import { exportInsights, readInsights } from "../../commands/insights";
import { parseInput } from "../../domain/validation";
import { identityOf } from "../auth";

/** A file to save, not a page: named, typed, and never kept by a cache (it can hold people's words). */
function download(res: Response, filename: string, contentType: string, body: string): void {
  res.setHeader("Cache-Control", "no-store");
  res.attachment(filename);
  res.type(contentType).send(body);
}

/**
 * Insights and data rights: `/api/communities/{communityId}/insights`, its quarterly
 * export, and a member's own `/me/data` (download) and `/me/erase`. The commands
 * authorise and apply the small-group rule; routes only read the path and shape the answer.
 */
export function insightsRoutes(ctx: CommandContext): Router {
  const router = Router();
  const base = "/communities/:communityId";
  const community = (p: Record<string, string | undefined>) => parseInput(Id, p.communityId, "communityId");

  router.get(`${base}/insights`, async (req, res) => {
    res.json(await readInsights(ctx, identityOf(req), community(req.params), req.query));
  });
  router.get(`${base}/insights/export`, async (req, res) => {
    const file = await exportInsights(ctx, identityOf(req), community(req.params), req.query);
    download(res, file.filename, file.contentType, file.body);
  });
  router.get(`${base}/me/data`, async (req, res) => {
    const communityId = community(req.params);
    const data = await exportMyData(ctx, identityOf(req), communityId);
    download(res, `my-contributions-${communityId}-${data.exportedAt.slice(0, 10)}.json`, "application/json; charset=utf-8", JSON.stringify(data, null, 2));
  });
  router.post(`${base}/me/erase`, async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await eraseMe(ctx, identityOf(req), community(req.params), req.body));
  });
  return router;
}
