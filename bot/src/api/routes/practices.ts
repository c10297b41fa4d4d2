import { Router } from "express";
import { Id } from "../../contracts";
import { type CommandContext } from "../../commands/context";
import { createPractice, movePractice, readPracticeTimeline, readProgressMap, reportPilot, startPilot, updateEvidenceRules, updatePractice, withdrawPilot } from "../../commands/practices";
import { answerPosting, createPrompt, postPromptNow, promote, readPromptBank, readReflections, updatePrompt, updatePromptSettings } from "../../commands/prompts";
import { parseInput } from "../../domain/validation";
import { identityOf } from "../auth";

/**
 * The progress map (practices, pilots, evidence rules) and the prompt bank with its
 * reflections feed: `/api/communities/{communityId}/…`. Bodies are checked by the
 * commands against the contracts; ids in the path here.
 */
export function practiceRoutes(ctx: CommandContext): Router {
  const router = Router();
  const base = "/communities/:communityId";
  const id = (p: Record<string, string | undefined>, name: string) => parseInput(Id, p[name], name);
  const community = (p: Record<string, string | undefined>) => id(p, "communityId");

  router.get(`${base}/practices`, async (req, res) => {
    res.json(await readProgressMap(ctx, identityOf(req), community(req.params)));
  });
  router.post(`${base}/practices`, async (req, res) => {
    res.status(201).json(await createPractice(ctx, identityOf(req), community(req.params), req.body));
  });
  router.patch(`${base}/practices/:practiceId`, async (req, res) => {
    res.json(await updatePractice(ctx, identityOf(req), community(req.params), id(req.params, "practiceId"), req.body));
  });
  router.post(`${base}/practices/:practiceId/move`, async (req, res) => {
    res.json(await movePractice(ctx, identityOf(req), community(req.params), id(req.params, "practiceId"), req.body));
  });
  router.get(`${base}/practices/:practiceId/timeline`, async (req, res) => {
    res.json(await readPracticeTimeline(ctx, identityOf(req), community(req.params), id(req.params, "practiceId")));
  });
  router.post(`${base}/practices/:practiceId/pilots`, async (req, res) => {
    res.status(201).json(await startPilot(ctx, identityOf(req), community(req.params), id(req.params, "practiceId"), req.body));
  });
  router.put(`${base}/pilots/:pilotId/report`, async (req, res) => {
    res.json(await reportPilot(ctx, identityOf(req), community(req.params), id(req.params, "pilotId"), req.body));
  });
  router.post(`${base}/pilots/:pilotId/withdraw`, async (req, res) => {
    res.json(await withdrawPilot(ctx, identityOf(req), community(req.params), id(req.params, "pilotId")));
  });
  router.put(`${base}/practice-rules`, async (req, res) => {
    res.json(await updateEvidenceRules(ctx, identityOf(req), community(req.params), req.body));
  });

  router.get(`${base}/prompts`, async (req, res) => {
    res.json(await readPromptBank(ctx, identityOf(req), community(req.params)));
  });
  router.post(`${base}/prompts`, async (req, res) => {
    res.status(201).json(await createPrompt(ctx, identityOf(req), community(req.params), req.body));
  });
  router.patch(`${base}/prompts/:promptId`, async (req, res) => {
    res.json(await updatePrompt(ctx, identityOf(req), community(req.params), id(req.params, "promptId"), req.body));
  });
  router.post(`${base}/prompts/:promptId/post`, async (req, res) => {
    res.status(201).json(await postPromptNow(ctx, identityOf(req), community(req.params), id(req.params, "promptId")));
  });
  router.put(`${base}/prompt-settings`, async (req, res) => {
    res.json(await updatePromptSettings(ctx, identityOf(req), community(req.params), req.body));
  });
  router.get(`${base}/reflections`, async (req, res) => {
    res.json(await readReflections(ctx, identityOf(req), community(req.params), req.query));
  });
  router.put(`${base}/postings/:postingId/answer`, async (req, res) => {
    res.json(await answerPosting(ctx, identityOf(req), community(req.params), id(req.params, "postingId"), req.body));
  });
  router.post(`${base}/promotions`, async (req, res) => {
    res.status(201).json(await promote(ctx, identityOf(req), community(req.params), req.body));
  });
  return router;
}
