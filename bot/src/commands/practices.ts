import { randomUUID } from "node:crypto";
import {
  CreatePracticeRequest,
  DEFAULT_EVIDENCE_RULES,
  EvidenceRules,
  EvidenceRulesUpdateRequest,
  MovePracticeRequest,
  PilotReportRequest,
  PRACTICE_STAGE_LABELS,
  PRACTICE_STAGES,
  StartPilotRequest,
  UpdatePracticeRequest,
  type Community,
  type EvidenceRulesResponse,
  type LatestEvidence,
  type Member,
  type Pilot,
  type PilotResponse,
  type PilotView,
  type Practice,
  type PracticeMove,
  type PracticeResponse,
  type PracticeTimelineView,
  type PracticeView,
  type ProgressMapView,
  type TimelineEvent,
} from "../contracts";
import { localDate } from "../domain/artifacts";
import { badRequest, notFound } from "../domain/errors";
import { checkMove, checkPilotDates, evidenceOf, nextStage, progressTowards, stageRule, weeksBetween } from "../domain/practices";
import { localToInstant } from "../domain/recurrence";
import { backFromAway, personalDeliveryTime } from "../domain/reminders";
import { parseInput } from "../domain/validation";
import { authorize, can, type CommunityActor, type Identity } from "../policies";
import { resolveCommunityActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { type WorkOutcome } from "./rhythmWork";
import { peopleByIds, peopleOf, personRef, type People } from "./sessionViews";

/** The scheduler's job kinds for practices. */
export const PRACTICE_JOBS = { checkBack: "pilot.checkback", celebrate: "practice.celebrate" } as const;

/** Check-back cards arrive at this local time on the check-back date. */
const CHECK_BACK_TIME = "09:00";

export const rulesOf = (community: Pick<Community, "evidenceRules">): EvidenceRules => EvidenceRules.parse(community.evidenceRules ?? DEFAULT_EVIDENCE_RULES);

/** The actor, the community and its evidence rules. */
async function context(ctx: CommandContext, identity: Identity, communityId: string) {
  const resolved = await resolveCommunityActor(ctx, identity, communityId);
  return { ...resolved, rules: rulesOf(resolved.community) };
}

function pilotView(pilot: Pilot, people: People, actor: CommunityActor): PilotView {
  return {
    id: pilot.id,
    practiceId: pilot.practiceId,
    person: personRef(people, pilot.userId),
    commitment: pilot.commitment,
    startOn: pilot.startOn,
    checkBackOn: pilot.checkBackOn,
    status: pilot.status,
    ...(pilot.report ? { report: pilot.report } : {}),
    mine: pilot.userId === actor.userId,
  };
}

function latestEvidenceOf(practice: Practice, pilots: Pilot[], people: People): LatestEvidence | null {
  const name = (id: string) => personRef(people, id).displayName;
  const reports: LatestEvidence[] = pilots
    .filter((p) => p.report && p.status !== "withdrawn")
    .map((p) => ({ kind: "report", at: p.report!.reportedAt, byName: name(p.userId), outcome: p.report!.outcome, whatChanged: p.report!.whatChanged, signal: p.report!.signal, stillUsing: p.report!.stillUsing, weeksUsed: p.report!.weeksUsed }));
  const moves: LatestEvidence[] = practice.moves.map((m) => ({ kind: "move", at: m.at, byName: name(m.byUserId), from: m.from, to: m.to, reason: m.reason }));
  return [...reports, ...moves].sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;
}

function practiceView(practice: Practice, pilots: Pilot[], people: People, actor: CommunityActor, rules: EvidenceRules): PracticeView {
  const { pilotIds: _ids, ...evidence } = evidenceOf(pilots, rules);
  const next = nextStage(practice.stage);
  const mine = pilots.filter((p) => p.userId === actor.userId && p.status !== "withdrawn").sort((a, b) => (a.status === "active" ? -1 : 0) - (b.status === "active" ? -1 : 0) || b.createdAt.localeCompare(a.createdAt))[0];
  return {
    id: practice.id,
    name: practice.name,
    description: practice.description,
    priority: practice.priority,
    stage: practice.stage,
    activePilots: pilots.filter((p) => p.status === "active").length,
    pilotingManagers: evidence.pilotingManagers,
    latestEvidence: latestEvidenceOf(practice, pilots, people),
    evidence,
    next: next ? { stage: next, rule: stageRule(next, rules), ...progressTowards(next, evidence, rules) } : null,
    myPilot: mine ? pilotView(mine, people, actor) : null,
    createdAt: practice.createdAt,
    updatedAt: practice.updatedAt,
    stageChangedAt: practice.stageChangedAt ?? null,
    can: { move: can(actor, "practice", "manage"), edit: can(actor, "practice", "manage"), pilot: can(actor, "practice", "pilot") },
  };
}

const byPractice = (pilots: Pilot[]) => {
  const map = new Map<string, Pilot[]>();
  for (const p of pilots) map.set(p.practiceId, [...(map.get(p.practiceId) ?? []), p]);
  return map;
};

/** The map: every practice with its pilots and evidence, priorities as rows and stages as columns. */
export async function readProgressMap(ctx: CommandContext, identity: Identity, communityId: string): Promise<ProgressMapView> {
  const { actor, community, rules } = await context(ctx, identity, communityId);
  const [practices, pilots, people] = await Promise.all([ctx.repos.practices.practices.all(communityId), ctx.repos.practices.pilots.all(communityId), peopleOf(ctx, communityId)]);
  const grouped = byPractice(pilots);
  return {
    priorities: community.culturalPriorities,
    stages: PRACTICE_STAGES.map((stage) => ({ stage, label: PRACTICE_STAGE_LABELS[stage], rule: stageRule(stage, rules) })),
    practices: practices.sort((a, b) => a.name.localeCompare(b.name)).map((p) => practiceView(p, grouped.get(p.id) ?? [], people, actor, rules)),
    rules,
    can: { manage: can(actor, "practice", "manage"), pilot: can(actor, "practice", "pilot"), editRules: can(actor, "practice", "manage") },
  };
}

function checkPriority(community: Community, priority: string | undefined): void {
  if (priority !== undefined && !community.culturalPriorities.some((p) => p.id === priority)) {
    const known = community.culturalPriorities.map((p) => p.id).join(", ");
    throw badRequest(`priority: choose one of this community's cultural priorities${known ? ` (${known})` : ""}.`, "priority");
  }
}

async function loadPractice(ctx: CommandContext, communityId: string, practiceId: string) {
  const found = await ctx.repos.practices.practices.get(communityId, practiceId);
  if (!found) throw notFound("That practice");
  return found;
}

async function viewOne(ctx: CommandContext, actor: CommunityActor, practice: Practice, rules: EvidenceRules): Promise<PracticeView> {
  const [pilots, people] = await Promise.all([ctx.repos.practices.pilotsOf(practice.communityId, practice.id), peopleOf(ctx, practice.communityId)]);
  return practiceView(practice, pilots, people, actor, rules);
}

/** A new practice starts at concept. */
export async function createPractice(ctx: CommandContext, identity: Identity, communityId: string, input: CreatePracticeRequest): Promise<PracticeResponse> {
  const req = parseInput(CreatePracticeRequest, input);
  const { actor, community, rules } = await context(ctx, identity, communityId);
  authorize(actor, "practice", "manage", undefined, "Only facilitators and leads add practices to the map.");
  checkPriority(community, req.priority);
  const now = ctx.clock.now().toISOString();
  const practice: Practice = { id: `prc-${randomUUID()}`, communityId, tenantId: community.tenantId, ...req, stage: "concept", createdBy: actor.userId, moves: [], createdAt: now, updatedAt: now };
  await ctx.repos.practices.practices.create(practice);
  // A new practice has no pilots and no moves yet: nothing to read to show it.
  return { practice: practiceView(practice, [], new Map(), actor, rules) };
}

export async function updatePractice(ctx: CommandContext, identity: Identity, communityId: string, practiceId: string, input: UpdatePracticeRequest): Promise<PracticeResponse> {
  const req = parseInput(UpdatePracticeRequest, input);
  const { actor, community, rules } = await context(ctx, identity, communityId);
  authorize(actor, "practice", "manage", undefined, "Only facilitators and leads edit practices.");
  checkPriority(community, req.priority);
  const found = await loadPractice(ctx, communityId, practiceId);
  const practice: Practice = { ...found.doc, ...req, updatedAt: ctx.clock.now().toISOString() };
  await ctx.repos.practices.practices.replace(practice, found.etag);
  return { practice: await viewOne(ctx, actor, practice, rules) };
}

/**
 * Moves a practice one stage, forward with the evidence the next stage asks for, or back
 * with a reason. The move is recorded in the practice's own document (one conditional
 * write). Reaching habit queues the celebration card for the community's channel.
 */
export async function movePractice(ctx: CommandContext, identity: Identity, communityId: string, practiceId: string, input: MovePracticeRequest): Promise<PracticeResponse> {
  const req = parseInput(MovePracticeRequest, input);
  const { actor, community, rules } = await context(ctx, identity, communityId);
  authorize(actor, "practice", "manage", undefined, "Only facilitators and leads move practices on the map.");
  const found = await loadPractice(ctx, communityId, practiceId);
  const pilots = await ctx.repos.practices.pilotsOf(communityId, practiceId);
  const evidence = evidenceOf(pilots, rules);
  const verdict = checkMove(found.doc.stage, req.to, evidence, rules);
  if (!verdict.allowed) throw badRequest(verdict.reason, "to");
  const now = ctx.clock.now().toISOString();
  const move: PracticeMove = { id: `mov-${randomUUID()}`, from: found.doc.stage, to: req.to, byUserId: actor.userId, at: now, reason: req.reason, evidence };
  const practice: Practice = { ...found.doc, stage: req.to, stageChangedAt: now, updatedAt: now, moves: [...found.doc.moves, move].slice(-500) };
  if (req.to === "habit") {
    // Queued before the write: if the write loses a race, the job finds another last move and stands down.
    await ctx.repos.jobs.enqueue({ id: `celebrate-${practiceId}-${move.id}`, tenantId: community.tenantId, kind: PRACTICE_JOBS.celebrate, dueAt: now, payload: { communityId, practiceId, moveId: move.id } });
  }
  await ctx.repos.practices.practices.replace(practice, found.etag);
  ctx.log.info({ event: "practice_moved", communityId, practiceId, from: move.from, to: move.to }, "practice moved");
  return { practice: practiceView(practice, pilots, await peopleOf(ctx, communityId), actor, rules) };
}

/** A practice's story, oldest first: added, pilots started, reports, moves. */
export async function readPracticeTimeline(ctx: CommandContext, identity: Identity, communityId: string, practiceId: string): Promise<PracticeTimelineView> {
  const { actor, rules } = await context(ctx, identity, communityId);
  const found = await loadPractice(ctx, communityId, practiceId);
  const [pilots, people] = await Promise.all([ctx.repos.practices.pilotsOf(communityId, practiceId), peopleOf(ctx, communityId)]);
  const name = (id: string) => personRef(people, id).displayName;
  const practice = found.doc;
  const events: TimelineEvent[] = [{ kind: "created", at: practice.createdAt, byName: practice.createdBy ? name(practice.createdBy) : null }];
  for (const p of pilots) {
    if (p.status === "withdrawn") continue;
    events.push({ kind: "pilot", at: p.createdAt, byName: name(p.userId), startOn: p.startOn, checkBackOn: p.checkBackOn, commitment: p.commitment });
    if (p.report) events.push({ kind: "report", at: p.report.reportedAt, byName: name(p.userId), outcome: p.report.outcome, whatChanged: p.report.whatChanged, signal: p.report.signal, stillUsing: p.report.stillUsing, weeksUsed: p.report.weeksUsed });
  }
  for (const m of practice.moves) {
    const { pilotIds: _ids, ...evidence } = m.evidence;
    events.push({ kind: "move", at: m.at, byName: name(m.byUserId), from: m.from, to: m.to, reason: m.reason, evidence });
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  return { practice: practiceView(practice, pilots, people, actor, rules), events, pilots: pilots.map((p) => pilotView(p, people, actor)) };
}

const practiceRef = (p: Practice) => ({ id: p.id, name: p.name, stage: p.stage });

/**
 * A manager commits to try a practice, with a start and a check-back date. The check-back
 * card is queued first (its handler stands down for a pilot that does not exist), so a
 * stored pilot always has its check-back.
 */
export async function startPilot(ctx: CommandContext, identity: Identity, communityId: string, practiceId: string, input: StartPilotRequest): Promise<PilotResponse> {
  const req = parseInput(StartPilotRequest, input);
  const { actor, member, community } = await context(ctx, identity, communityId);
  authorize(actor, "practice", "pilot", undefined, "Sponsors follow the pilots; only members who lead teams run them.");
  const practice = (await loadPractice(ctx, communityId, practiceId)).doc;
  const dates = checkPilotDates(req.startOn, req.checkBackOn, localDate(ctx.clock.now(), member.timeZone));
  if (dates) throw badRequest(dates.message, dates.field);
  const existing = await ctx.repos.practices.pilotsOf(communityId, practiceId);
  if (existing.some((p) => p.userId === actor.userId && p.status === "active")) throw badRequest("You are already piloting this practice. Report on that pilot (or withdraw it) before starting another.");
  const now = ctx.clock.now().toISOString();
  const pilot: Pilot = { id: `plt-${randomUUID()}`, communityId, tenantId: community.tenantId, practiceId, userId: actor.userId, commitment: req.commitment, startOn: req.startOn, checkBackOn: req.checkBackOn, status: "active", createdAt: now, updatedAt: now };
  await ctx.repos.jobs.enqueue(checkBackJob(pilot, member.timeZone, ctx.clock.now()));
  await ctx.repos.practices.pilots.create(pilot);
  return { pilot: pilotView(pilot, onlyMe(member), actor), practice: practiceRef(practice) };
}

/** The actor as the only person a view names (their own pilot). */
const onlyMe = (member: Member): People => new Map([[member.userId, member]]);

export function checkBackJob(pilot: Pilot, zone: string, now: Date) {
  const at = localToInstant(`${pilot.checkBackOn}T${CHECK_BACK_TIME}`, zone);
  return { id: `checkback-${pilot.id}-${pilot.checkBackOn}`, tenantId: pilot.tenantId, kind: PRACTICE_JOBS.checkBack, dueAt: new Date(Math.max(at.getTime(), now.getTime())).toISOString(), payload: { communityId: pilot.communityId, pilotId: pilot.id, checkBackOn: pilot.checkBackOn } };
}

/** How a pilot went (from the check-back card or the tab): it becomes evidence on the practice. Reporting again replaces the report. */
export async function reportPilot(ctx: CommandContext, identity: Identity, communityId: string, pilotId: string, input: PilotReportRequest): Promise<PilotResponse> {
  const req = parseInput(PilotReportRequest, input);
  const { actor, member } = await context(ctx, identity, communityId);
  const found = await ctx.repos.practices.pilots.get(communityId, pilotId);
  if (!found) throw notFound("That pilot");
  authorize(actor, "practice", "report", found.doc, "Only the manager who ran this pilot can report on it.");
  if (found.doc.status === "withdrawn") throw badRequest("This pilot was withdrawn, so there is nothing to report. Start a new pilot to try the practice again.");
  const now = ctx.clock.now();
  const pilot: Pilot = {
    ...found.doc,
    status: "reported",
    report: { ...req, reportedAt: now.toISOString(), weeksUsed: weeksBetween(found.doc.startOn, now, member.timeZone) },
    updatedAt: now.toISOString(),
  };
  await ctx.repos.practices.pilots.replace(pilot, found.etag);
  const practice = (await loadPractice(ctx, communityId, pilot.practiceId)).doc;
  ctx.log.info({ event: "pilot_reported", communityId, practiceId: pilot.practiceId, outcome: req.outcome }, "pilot reported");
  return { pilot: pilotView(pilot, onlyMe(member), actor), practice: practiceRef(practice) };
}

/** Stops a pilot (the check-back card then stays away); it no longer counts as evidence. */
export async function withdrawPilot(ctx: CommandContext, identity: Identity, communityId: string, pilotId: string): Promise<PilotResponse> {
  const { actor, member } = await context(ctx, identity, communityId);
  const found = await ctx.repos.practices.pilots.get(communityId, pilotId);
  if (!found) throw notFound("That pilot");
  authorize(actor, "practice", "withdraw", found.doc, "Only the manager who ran this pilot (or a lead) can withdraw it.");
  const pilot: Pilot = { ...found.doc, status: "withdrawn", updatedAt: ctx.clock.now().toISOString() };
  await ctx.repos.practices.pilots.replace(pilot, found.etag);
  // A lead may withdraw someone else's pilot: name its manager with one point read.
  const [practice, people] = await Promise.all([loadPractice(ctx, communityId, pilot.practiceId), peopleByIds(ctx, communityId, [pilot.userId], [member])]);
  return { pilot: pilotView(pilot, people, actor), practice: practiceRef(practice.doc) };
}

/** The community's numbers in the evidence rules. */
export async function updateEvidenceRules(ctx: CommandContext, identity: Identity, communityId: string, input: unknown): Promise<EvidenceRulesResponse> {
  const req = parseInput(EvidenceRulesUpdateRequest, input);
  const { actor, community, etag, rules: current } = await context(ctx, identity, communityId);
  authorize(actor, "practice", "manage", undefined, "Only facilitators and leads change the evidence rules.");
  const rules = EvidenceRules.parse({ ...current, ...req });
  await ctx.repos.communities.replace({ ...community, evidenceRules: rules, updatedAt: ctx.clock.now().toISOString() }, etag);
  return { rules };
}

/** The scheduler's jobs for practices: the pilot check-back card, and the habit celebration. */
export function practiceWork(ctx: CommandContext): Record<string, (job: { id: string; payload: Record<string, unknown> }) => Promise<WorkOutcome>> {
  return {
    /** On the check-back date: the card to the manager, unless the pilot was reported, withdrawn or re-dated. */
    [PRACTICE_JOBS.checkBack]: async (job) => {
      const { communityId, pilotId, checkBackOn } = job.payload as { communityId: string; pilotId: string; checkBackOn: string };
      const pilot = (await ctx.repos.practices.pilots.get(communityId, pilotId))?.doc;
      if (!pilot || pilot.status !== "active" || pilot.checkBackOn !== checkBackOn) return { note: "skipped" };
      const [member, practice, community] = await Promise.all([ctx.repos.members.get(communityId, pilot.userId), ctx.repos.practices.practices.get(communityId, pilot.practiceId), ctx.repos.communities.get(communityId, communityId)]);
      if (!member || !practice || !community) return { note: "skipped" };
      const now = ctx.clock.now();
      const m = member.doc;
      // Away: the card waits until they are back, then for the end of their quiet hours.
      const from = backFromAway(m.preferences.awayUntil, now, m.timeZone, CHECK_BACK_TIME);
      const at = personalDeliveryTime(from, m.timeZone, m.preferences.quietHours) ?? from;
      return {
        deliveries: [
          {
            id: `${job.id}-deliver`,
            target: { kind: "personal", tenantId: pilot.tenantId, userId: pilot.userId },
            dueAt: at.toISOString(),
            notice: { kind: "pilot.checkback", pilotId, communityId, communityName: community.doc.name, practiceId: practice.doc.id, practiceName: practice.doc.name, commitment: pilot.commitment, startOn: pilot.startOn, checkBackOn: pilot.checkBackOn },
          },
        ],
      };
    },

    /** A practice reached habit: the channel hears it, with thanks to the managers whose pilots got it there. */
    [PRACTICE_JOBS.celebrate]: async (job) => {
      const { communityId, practiceId, moveId } = job.payload as { communityId: string; practiceId: string; moveId: string };
      const [practice, community] = await Promise.all([ctx.repos.practices.practices.get(communityId, practiceId), ctx.repos.communities.get(communityId, communityId)]);
      const last = practice?.doc.moves.at(-1);
      if (!practice || !community || practice.doc.stage !== "habit" || last?.id !== moveId) return { note: "skipped" };
      const [pilots, people] = await Promise.all([ctx.repos.practices.pilotsOf(communityId, practiceId), peopleOf(ctx, communityId)]);
      const rules = rulesOf(community.doc);
      const thanked = [...new Set(pilots.filter((p) => p.status === "reported").map((p) => p.userId))].filter((id) => people.has(id)).map((id) => people.get(id)!.displayName);
      const sustained = last.evidence.sustainedManagers;
      return {
        deliveries: [
          {
            id: `${job.id}-channel`,
            target: { kind: "channel", tenantId: community.doc.tenantId, communityId },
            notice: {
              kind: "practice.habit",
              communityId,
              communityName: community.doc.name,
              practiceId,
              practiceName: practice.doc.name,
              description: practice.doc.description,
              priorityLabel: community.doc.culturalPriorities.find((p) => p.id === practice.doc.priority)?.label ?? practice.doc.priority,
              thanks: thanked.sort((a, b) => a.localeCompare(b)),
              evidenceLine: `${sustained} ${sustained === 1 ? "manager has" : "managers have"} kept it up for ${rules.habitMinWeeks} weeks or more.`,
              link: null,
            },
          },
        ],
      };
    },
  };
}
