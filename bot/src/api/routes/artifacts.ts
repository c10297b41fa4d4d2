import { Router } from "express";
import { z } from "zod";
import { ArtifactCreateRequest, ArtifactListQuery, ArtifactRestoreRequest, ArtifactUpdateRequest, Id } from "../../contracts";
import { createArtifact } from "../../commands/artifactCreator";
import { setArtifactDeleted } from "../../commands/artifactDeleter";
import { editArtifact, restoreArtifactVersion } from "../../commands/artifactEditor";
import { listArtifactVersions, readArtifactVersion } from "../../commands/artifactHistoryReader";
import { listArtifacts } from "../../commands/artifactLister";
import { readArtifact } from "../../commands/artifactReader";
import { listArtifactTemplates } from "../../commands/templateLister";
import { type CommandContext } from "../../commands/context";
import { identityOf } from "../auth";
import { parseInput } from "../../domain/validation";

const VersionNumber = z.coerce.number().int("must be a whole number").min(1, "must be 1 or more");
const Track = z.object({ track: z.enum(["true", "false"]).default("true") });

/**
 * The library: `/api/communities/{communityId}/artifacts/…`. Each route reads as
 * authenticate → validate → command; the commands authorise and present.
 */
export function artifactRoutes(ctx: CommandContext): Router {
  const router = Router();
  const params = (p: Record<string, string | undefined>) => ({
    communityId: parseInput(Id, p.communityId, "communityId"),
    artifactId: p.artifactId === undefined ? "" : parseInput(Id, p.artifactId, "artifactId"),
  });

  router.get("/artifact-templates", (_req, res) => {
    res.json(listArtifactTemplates());
  });

  router.get("/communities/:communityId/artifacts", async (req, res) => {
    const { communityId } = params(req.params);
    res.json(await listArtifacts(ctx, identityOf(req), communityId, parseInput(ArtifactListQuery, req.query)));
  });

  router.post("/communities/:communityId/artifacts", async (req, res) => {
    const { communityId } = params(req.params);
    const content = parseInput(ArtifactCreateRequest, req.body);
    res.status(201).json(await createArtifact(ctx, identityOf(req), communityId, content));
  });

  router.get("/communities/:communityId/artifacts/:artifactId", async (req, res) => {
    const { communityId, artifactId } = params(req.params);
    const { track } = parseInput(Track, req.query);
    res.json(await readArtifact(ctx, identityOf(req), communityId, artifactId, { track: track === "true" }));
  });

  router.put("/communities/:communityId/artifacts/:artifactId", async (req, res) => {
    const { communityId, artifactId } = params(req.params);
    const { baseVersion, note, ...content } = parseInput(ArtifactUpdateRequest, req.body);
    res.json(await editArtifact(ctx, identityOf(req), communityId, artifactId, { content, baseVersion, note }));
  });

  router.delete("/communities/:communityId/artifacts/:artifactId", async (req, res) => {
    const { communityId, artifactId } = params(req.params);
    res.json(await setArtifactDeleted(ctx, identityOf(req), communityId, artifactId, true));
  });

  router.post("/communities/:communityId/artifacts/:artifactId/undelete", async (req, res) => {
    const { communityId, artifactId } = params(req.params);
    res.json(await setArtifactDeleted(ctx, identityOf(req), communityId, artifactId, false));
  });

  router.get("/communities/:communityId/artifacts/:artifactId/versions", async (req, res) => {
    const { communityId, artifactId } = params(req.params);
    res.json(await listArtifactVersions(ctx, identityOf(req), communityId, artifactId));
  });

  router.get("/communities/:communityId/artifacts/:artifactId/versions/:version", async (req, res) => {
    const { communityId, artifactId } = params(req.params);
    res.json(await readArtifactVersion(ctx, identityOf(req), communityId, artifactId, parseInput(VersionNumber, req.params.version, "version")));
  });

  router.post("/communities/:communityId/artifacts/:artifactId/versions/:version/restore", async (req, res) => {
    const { communityId, artifactId } = params(req.params);
    const version = parseInput(VersionNumber, req.params.version, "version");
    const { baseVersion } = parseInput(ArtifactRestoreRequest, req.body);
    res.json(await restoreArtifactVersion(ctx, identityOf(req), communityId, artifactId, version, baseVersion));
  });

  return router;
}
