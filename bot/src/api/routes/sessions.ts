import { Router } from "express";
import {
  CheckInRequest,
  FeedbackRequest,
  FollowUpCreateRequest,
  FollowUpListQuery,
  FollowUpUpdateRequest,
  Id,
  MoveRequest,
  PreferencesUpdateRequest,
  RsvpRequest,
  SeriesUpdateRequest,
  SessionListQuery,
  SessionUpdateRequest,
  SkipRequest,
  SwapCreateRequest,
  SwapDecisionRequest,
} from "../../contracts";
import { recordCheckIn } from "../../commands/checkInRecorder";
import { type CommandContext } from "../../commands/context";
import { recordFeedback } from "../../commands/feedbackRecorder";
import { createFollowUp, listFollowUps, updateFollowUp } from "../../commands/followUps";
import { readPreferences, updatePreferences } from "../../commands/preferences";
import { decideSwap, readRota, requestSwap } from "../../commands/rota";
import { recordRsvp } from "../../commands/rsvpRecorder";
import { listSeries, updateSeries } from "../../commands/seriesEditor";
import { moveSession, restoreSession, skipSession, updateSession } from "../../commands/sessionEditor";
import { listSessions, readCheckInSummary, readSession, sessionCalendarFile } from "../../commands/sessionReader";
import { parseInput } from "../../domain/validation";
import { identityOf } from "../auth";

/**
 * The rhythm: `/api/communities/{communityId}/sessions|series|rota|swaps|followups|me/preferences`.
 * Each route reads as authenticate → validate → command; the commands authorise.
 */
export function sessionRoutes(ctx: CommandContext): Router {
  const router = Router();
  const ids = (p: Record<string, string | undefined>) => {
    // The one id after the community, named as in the path, so a 400 says which part of the address to fix.
    const name = (["sessionId", "swapId", "followUpId", "seriesId"] as const).find((n) => p[n] !== undefined);
    return { communityId: parseInput(Id, p.communityId, "communityId"), id: name ? parseInput(Id, p[name], name) : "" };
  };
  const base = "/communities/:communityId";

  router.get(`${base}/sessions`, async (req, res) => {
    res.json(await listSessions(ctx, identityOf(req), ids(req.params).communityId, parseInput(SessionListQuery, req.query)));
  });
  router.get(`${base}/sessions/:sessionId`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json({ session: await readSession(ctx, identityOf(req), communityId, id) });
  });
  router.patch(`${base}/sessions/:sessionId`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json({ session: await updateSession(ctx, identityOf(req), communityId, id, parseInput(SessionUpdateRequest, req.body)) });
  });
  router.post(`${base}/sessions/:sessionId/skip`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json({ session: await skipSession(ctx, identityOf(req), communityId, id, parseInput(SkipRequest, req.body ?? {})) });
  });
  router.post(`${base}/sessions/:sessionId/restore`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json({ session: await restoreSession(ctx, identityOf(req), communityId, id) });
  });
  router.post(`${base}/sessions/:sessionId/move`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json({ session: await moveSession(ctx, identityOf(req), communityId, id, parseInput(MoveRequest, req.body)) });
  });
  router.put(`${base}/sessions/:sessionId/rsvp`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json({ session: await recordRsvp(ctx, identityOf(req), communityId, id, parseInput(RsvpRequest, req.body).answer) });
  });
  router.put(`${base}/sessions/:sessionId/checkin`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json(await recordCheckIn(ctx, identityOf(req), communityId, id, parseInput(CheckInRequest, req.body)));
  });
  router.get(`${base}/sessions/:sessionId/checkins`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json(await readCheckInSummary(ctx, identityOf(req), communityId, id));
  });
  router.put(`${base}/sessions/:sessionId/feedback`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json({ session: await recordFeedback(ctx, identityOf(req), communityId, id, parseInput(FeedbackRequest, req.body)) });
  });
  router.get(`${base}/sessions/:sessionId/calendar.ics`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    const file = await sessionCalendarFile(ctx, identityOf(req), communityId, id);
    res.type("text/calendar; charset=utf-8").attachment(file.filename).send(file.text);
  });

  router.get(`${base}/series`, async (req, res) => {
    res.json(await listSeries(ctx, identityOf(req), ids(req.params).communityId));
  });
  router.patch(`${base}/series/:seriesId`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json(await updateSeries(ctx, identityOf(req), communityId, id, parseInput(SeriesUpdateRequest, req.body)));
  });

  router.get(`${base}/rota`, async (req, res) => {
    res.json(await readRota(ctx, identityOf(req), ids(req.params).communityId));
  });
  router.post(`${base}/sessions/:sessionId/swaps`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.status(201).json(await requestSwap(ctx, identityOf(req), communityId, id, parseInput(SwapCreateRequest, req.body)));
  });
  router.post(`${base}/swaps/:swapId/decision`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json(await decideSwap(ctx, identityOf(req), communityId, id, parseInput(SwapDecisionRequest, req.body)));
  });

  router.get(`${base}/followups`, async (req, res) => {
    res.json(await listFollowUps(ctx, identityOf(req), ids(req.params).communityId, parseInput(FollowUpListQuery, req.query)));
  });
  router.post(`${base}/followups`, async (req, res) => {
    res.status(201).json(await createFollowUp(ctx, identityOf(req), ids(req.params).communityId, parseInput(FollowUpCreateRequest, req.body)));
  });
  router.patch(`${base}/followups/:followUpId`, async (req, res) => {
    const { communityId, id } = ids(req.params);
    res.json(await updateFollowUp(ctx, identityOf(req), communityId, id, parseInput(FollowUpUpdateRequest, req.body)));
  });

  router.get(`${base}/me/preferences`, async (req, res) => {
    res.json(await readPreferences(ctx, identityOf(req), ids(req.params).communityId));
  });
  router.put(`${base}/me/preferences`, async (req, res) => {
    res.json(await updatePreferences(ctx, identityOf(req), ids(req.params).communityId, parseInput(PreferencesUpdateRequest, req.body)));
  });

  return router;
}
