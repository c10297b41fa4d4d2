import { randomInt, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import {
  BuddyPreferencesUpdateRequest,
  BuddySettings,
  BuddySettingsUpdateRequest,
  ProposeRoundRequest,
  ReflectionRequest,
  SPRINT_STEPS,
  SwapInRoundRequest,
  type BuddiesOverview,
  type BuddyGroupView,
  type BuddyReflection,
  type BuddyRound,
  type BuddyRoundView,
  type Member,
  type MyBuddyPreferences,
  type NewJob,
  type Notice,
  type RoundResponse,
} from "../contracts";
import { crossDepartmentShare, describeGroup, eligibleForRound, matchBuddies, sprintDates, type BuddyCandidate, type PastRounds } from "../domain/buddies";
import { badRequest, conflict, notFound } from "../domain/errors";
import { parseInput } from "../domain/validation";
import { authorize, can, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { type Delivery } from "./rhythmWork";
import { peopleOf, type People } from "./sessionViews";

export const BUDDY_CHECKIN_JOB = "buddy.checkin";

const settingsOf = (raw: unknown): BuddySettings => BuddySettings.parse(raw ?? {});
const candidateOf = (m: Member): BuddyCandidate => ({ userId: m.userId, department: m.department, managerId: m.managerId, avoid: m.preferences.avoidPairingWith });
const person = (people: People, userId: string) => {
  const m = people.get(userId);
  return { userId, displayName: m?.displayName ?? "A former member", department: m?.department ?? "" };
};
const groupView = (people: People, g: { id: string; memberIds: string[]; reasons: string[]; relaxed: BuddyRound["groups"][number]["relaxed"] }): BuddyGroupView => ({
  id: g.id,
  reasons: g.reasons,
  relaxed: g.relaxed,
  members: g.memberIds.map((id) => person(people, id)),
});
const historyOf = (rounds: BuddyRound[]): PastRounds => rounds.map((r) => r.groups.map((g) => g.memberIds));

function roundView(round: BuddyRound, people: People): BuddyRoundView {
  const { tenantId: _t, ...rest } = round;
  const share = crossDepartmentShare(round.groups.map((g) => g.memberIds), (id) => people.get(id)?.department ?? "");
  return {
    ...rest,
    groups: round.groups.map((g) => groupView(people, g)),
    unmatched: round.unmatched.map((u) => ({ ...person(people, u.userId), reason: u.reason })),
    crossDepartmentShare: share.share,
    bestCrossDepartmentShare: share.best,
  };
}

const today = (ctx: CommandContext, zone: string) => DateTime.fromJSDate(ctx.clock.now(), { zone }).toISODate()!;

async function context(ctx: CommandContext, identity: Identity, communityId: string) {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  const community = await ctx.repos.communities.get(communityId, communityId);
  if (!community) throw notFound("The community");
  return { actor, member, community: community.doc, settings: settingsOf(community.doc.buddies) };
}

/** Everything the Buddies scene shows the reader; the don't-pair list is theirs alone. */
export async function readBuddies(ctx: CommandContext, identity: Identity, communityId: string): Promise<BuddiesOverview> {
  const { actor, member, community, settings } = await context(ctx, identity, communityId);
  const [people, published, draft, circles] = await Promise.all([
    peopleOf(ctx, communityId),
    ctx.repos.buddies.publishedRounds(communityId),
    can(actor, "buddy", "manage") ? ctx.repos.buddies.draft(communityId) : Promise.resolve(null),
    ctx.repos.buddies.circles.all(communityId),
  ]);
  const now = today(ctx, community.timeZone);
  const mine = (r: BuddyRound) => r.groups.find((g) => g.memberIds.includes(actor.userId));
  const currentRound = published.find((r) => r.sprint.endsOn >= now && mine(r));
  const currentGroup = currentRound && mine(currentRound);
  const manage = can(actor, "buddy", "manage");
  return {
    current:
      currentRound && currentGroup
        ? {
            roundId: currentRound.id,
            group: groupView(people, currentGroup),
            sprint: currentRound.sprint,
            steps: [...SPRINT_STEPS],
            reflections: (await ctx.repos.buddies.reflectionsOf(communityId, currentRound.id, actor.userId)).map(({ kind, stepsDone, text, practiceId, submittedAt }) => ({ kind, stepsDone, text, practiceId, submittedAt })),
            chatLink: ctx.links.chat(currentGroup.memberIds.filter((id) => id !== actor.userId).map((id) => people.get(id)?.upn), "Buddy sprint"),
          }
        : null,
    preferences: preferencesView(member, people),
    settings,
    history: published.map((r) => {
      const groups = manage ? r.groups : r.groups.filter((g) => g.memberIds.includes(actor.userId));
      return {
        id: r.id,
        publishedAt: r.publishedAt ?? null,
        sprint: r.sprint,
        groups: groups.map((g) => groupView(people, g)),
        crossDepartmentShare: crossDepartmentShare(r.groups.map((g) => g.memberIds), (id) => people.get(id)?.department ?? "").share,
      };
    }),
    draft: draft ? roundView(draft, people) : null,
    canManage: manage,
    // Confidential: a reader sees only the circles they belong to.
    circles: circles
      .filter((c) => actor.circleIds.includes(c.id))
      .map((c) => ({
        id: c.id,
        name: c.name,
        members: [...people.values()].filter((m) => m.circleIds.includes(c.id)).map((m) => person(people, m.userId)),
        buddyPairs: c.buddyPairs.map((pair) => pair.map((id) => person(people, id))),
      })),
  };
}

function preferencesView(member: Member, people: People): MyBuddyPreferences {
  return {
    optedOut: member.preferences.buddyOptOut,
    snoozeUntil: member.preferences.buddySnoozeUntil ?? null,
    avoidPairingWith: member.preferences.avoidPairingWith.map((id) => person(people, id)),
  };
}

/** A facilitator asks for a round: the matcher's proposal, kept as the one draft until published or discarded. */
export async function proposeRound(ctx: CommandContext, identity: Identity, communityId: string, input: ProposeRoundRequest): Promise<RoundResponse> {
  const req = parseInput(ProposeRoundRequest, input);
  const { actor, community, settings } = await context(ctx, identity, communityId);
  authorize(actor, "buddy", "manage", undefined, "Only facilitators and leads can propose a buddy round.");
  const startsOn = req.startsOn ?? DateTime.fromJSDate(ctx.clock.now(), { zone: community.timeZone }).plus({ days: 1 }).toISODate()!;
  if (startsOn < today(ctx, community.timeZone)) throw badRequest("startsOn: the sprint can't start in the past.", "startsOn");
  const [members, published, existing] = await Promise.all([ctx.repos.members.list(communityId), ctx.repos.buddies.publishedRounds(communityId), ctx.repos.buddies.draft(communityId)]);
  const eligible = eligibleForRound(members, startsOn);
  if (eligible.length < 2) throw conflict("Fewer than two members are taking part in buddy rounds right now, so there is nobody to pair.");
  const seed = req.seed ?? randomInt(2 ** 31 - 1);
  const managers = new Map(members.map((m) => [m.userId, m.managerId]));
  const result = matchBuddies(eligible.map(candidateOf), historyOf(published), { noRepeatRounds: settings.noRepeatRounds, seed, managers });
  const now = ctx.clock.now().toISOString();
  const round: BuddyRound = {
    id: `rnd-${randomUUID()}`,
    communityId,
    tenantId: identity.tenantId,
    status: "draft",
    seed,
    groups: result.groups.map((g, i) => ({ id: `grp-${i + 1}`, memberIds: g.memberIds, reasons: g.reasons, relaxed: g.relaxed })),
    unmatched: result.unmatched,
    relaxed: result.relaxed,
    sprint: sprintDates(startsOn, settings.sprintDays),
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.repos.buddies.rounds.create(round);
  if (existing) await ctx.repos.buddies.rounds.delete(communityId, existing.id);
  return { round: roundView(round, await peopleOf(ctx, communityId)) };
}

async function loadDraft(ctx: CommandContext, communityId: string, roundId: string) {
  const found = await ctx.repos.buddies.rounds.get(communityId, roundId);
  if (!found) throw notFound("That buddy round");
  if (found.doc.status !== "draft") throw conflict("This round is already published; propose a new one to change the pairs.");
  return found;
}

/** Swaps two people between groups in the draft; both groups' reasons are worked out again. */
export async function swapInRound(ctx: CommandContext, identity: Identity, communityId: string, roundId: string, input: SwapInRoundRequest): Promise<RoundResponse> {
  const req = parseInput(SwapInRoundRequest, input);
  const { actor, settings } = await context(ctx, identity, communityId);
  authorize(actor, "buddy", "manage", undefined, "Only facilitators and leads can change a buddy round.");
  const found = await loadDraft(ctx, communityId, roundId);
  const round = found.doc;
  const ga = round.groups.find((g) => g.memberIds.includes(req.a));
  const gb = round.groups.find((g) => g.memberIds.includes(req.b));
  if (!ga || !gb) throw badRequest(`${!ga ? "a" : "b"}: that person is not in this round.`, !ga ? "a" : "b");
  if (ga === gb) throw badRequest("b: those two are already in the same group; choose someone from another group.", "b");
  const [members, published] = await Promise.all([ctx.repos.members.list(communityId), ctx.repos.buddies.publishedRounds(communityId)]);
  const byId = new Map(members.map((m) => [m.userId, candidateOf(m)]));
  const managers = new Map(members.map((m) => [m.userId, m.managerId]));
  const swapIn = (ids: string[], out: string, inn: string) => ids.map((id) => (id === out ? inn : id));
  const groups = round.groups.map((g) => {
    if (g !== ga && g !== gb) return g;
    const memberIds = g === ga ? swapIn(g.memberIds, req.a, req.b) : swapIn(g.memberIds, req.b, req.a);
    for (const id of memberIds) {
      const avoid = byId.get(id)?.avoid ?? [];
      // Someone's private wish is honoured without saying whose it is.
      if (memberIds.some((other) => other !== id && avoid.includes(other))) throw conflict("That swap would pair people who asked not to be paired together. Choose someone else.");
    }
    return { ...g, memberIds, ...describeGroup(memberIds, byId, historyOf(published), { noRepeatRounds: settings.noRepeatRounds, managers }) };
  });
  const next: BuddyRound = { ...round, groups, relaxed: [...new Set(groups.flatMap((g) => g.relaxed))], updatedAt: ctx.clock.now().toISOString() };
  await ctx.repos.buddies.rounds.replace(next, found.etag);
  return { round: roundView(next, await peopleOf(ctx, communityId)) };
}

export async function discardRound(ctx: CommandContext, identity: Identity, communityId: string, roundId: string): Promise<void> {
  const { actor } = await context(ctx, identity, communityId);
  authorize(actor, "buddy", "manage", undefined, "Only facilitators and leads can discard a buddy round.");
  const found = await loadDraft(ctx, communityId, roundId);
  await ctx.repos.buddies.rounds.delete(communityId, roundId, found.etag);
}

/**
 * Publishes the draft: one introduction card per member, through the scheduler's one sender
 * (ids per round and person, so a retry sends nothing twice), and the mid-sprint and closing
 * check-ins planned at 09:00 in the community's zone.
 */
export async function publishRound(ctx: CommandContext, identity: Identity, communityId: string, roundId: string): Promise<RoundResponse> {
  const { actor, community } = await context(ctx, identity, communityId);
  authorize(actor, "buddy", "manage", undefined, "Only facilitators and leads can publish a buddy round.");
  const found = await loadDraft(ctx, communityId, roundId);
  const now = ctx.clock.now();
  const round: BuddyRound = { ...found.doc, status: "published", publishedAt: now.toISOString(), updatedAt: now.toISOString() };
  await ctx.repos.buddies.rounds.replace(round, found.etag);
  const people = await peopleOf(ctx, communityId);
  const jobs: NewJob[] = [];
  for (const g of round.groups) {
    for (const userId of g.memberIds) {
      const others = g.memberIds.filter((id) => id !== userId);
      const notice: Notice = {
        kind: "buddy.intro",
        roundId,
        groupId: g.id,
        communityId,
        communityName: community.name,
        buddies: others.map((id) => ({ ...person(people, id), title: people.get(id)?.title })),
        reasons: g.reasons,
        sprint: round.sprint,
        steps: [...SPRINT_STEPS],
        chatLink: ctx.links.chat(others.map((id) => people.get(id)?.upn), "Buddy sprint"),
      };
      jobs.push({ id: `intro-${roundId}-${userId}`, tenantId: round.tenantId, kind: "deliver", dueAt: now.toISOString(), payload: { target: { kind: "personal", tenantId: round.tenantId, userId }, notice } });
    }
  }
  const at9 = (date: string) => DateTime.fromISO(`${date}T09:00`, { zone: community.timeZone }).toUTC().toISO()!;
  for (const stage of ["mid", "closing"] as const) {
    jobs.push({ id: `buddycheck-${roundId}-${stage}`, tenantId: round.tenantId, kind: BUDDY_CHECKIN_JOB, dueAt: at9(stage === "mid" ? round.sprint.midOn : round.sprint.endsOn), payload: { communityId, roundId, stage } });
  }
  await ctx.repos.jobs.enqueueMany(jobs);
  ctx.log.info({ event: "buddy_round_published", communityId, roundId, groups: round.groups.length }, "buddy round published");
  return { round: roundView(round, people) };
}

/** The scheduler's job: each buddy gets the mid-sprint or closing check-in card. */
export async function buddyCheckIns(ctx: CommandContext, job: { id: string; payload: Record<string, unknown> }): Promise<{ deliveries?: Delivery[]; note?: string }> {
  const { communityId, roundId, stage } = job.payload as { communityId: string; roundId: string; stage: "mid" | "closing" };
  const [round, community] = await Promise.all([ctx.repos.buddies.rounds.get(communityId, roundId), ctx.repos.communities.get(communityId, communityId)]);
  if (!round || round.doc.status !== "published" || !community) return { note: "skipped" };
  const [people, practices] = await Promise.all([peopleOf(ctx, communityId), stage === "closing" ? ctx.repos.practices.practices.all(communityId) : Promise.resolve([])]);
  const deliveries: Delivery[] = round.doc.groups.flatMap((g) =>
    g.memberIds.map((userId) => ({
      id: `${job.id}-${userId}`,
      target: { kind: "personal" as const, tenantId: round.doc.tenantId, userId },
      notice: {
        kind: "buddy.checkin" as const,
        roundId,
        groupId: g.id,
        communityId,
        communityName: community.doc.name,
        stage,
        buddyNames: g.memberIds.filter((id) => id !== userId).map((id) => person(people, id).displayName),
        sprint: round.doc.sprint,
        steps: [...SPRINT_STEPS],
        practices: practices.slice(0, 20).map((p) => ({ id: p.id, name: p.name })),
      },
    })),
  );
  return { deliveries };
}

/** A buddy's mid-sprint or closing check-in; the closing one may name the practice it is evidence for. */
export async function recordReflection(ctx: CommandContext, identity: Identity, communityId: string, roundId: string, input: ReflectionRequest): Promise<{ reflection: Pick<BuddyReflection, "kind" | "stepsDone" | "text" | "practiceId" | "submittedAt"> }> {
  const req = parseInput(ReflectionRequest, input);
  const { actor } = await context(ctx, identity, communityId);
  authorize(actor, "buddy", "participate", undefined, "Sponsors aren't part of buddy rounds.");
  const round = await ctx.repos.buddies.rounds.get(communityId, roundId);
  const group = round?.doc.status === "published" ? round.doc.groups.find((g) => g.memberIds.includes(actor.userId)) : undefined;
  if (!round || !group) throw notFound("Your buddy sprint in that round");
  if (req.practiceId && !(await ctx.repos.practices.practices.get(communityId, req.practiceId))) throw badRequest("practiceId: no practice with that id in this community; choose one of its practices, or none.", "practiceId");
  if (req.kind === "mid" && req.practiceId) throw badRequest("practiceId: only the closing check-in can count towards a practice.", "practiceId");
  const reflection: BuddyReflection = { ...req, communityId, tenantId: identity.tenantId, roundId, groupId: group.id, userId: actor.userId, submittedAt: ctx.clock.now().toISOString() };
  await ctx.repos.buddies.reflections.upsert(reflection);
  const { kind, stepsDone, text, practiceId, submittedAt } = reflection;
  return { reflection: { kind, stepsDone, text, practiceId, submittedAt } };
}

/** Opt out, snooze, and the private don't-pair list. */
export async function updateBuddyPreferences(ctx: CommandContext, identity: Identity, communityId: string, input: BuddyPreferencesUpdateRequest): Promise<{ preferences: MyBuddyPreferences }> {
  const req = parseInput(BuddyPreferencesUpdateRequest, input);
  const { member, community } = await context(ctx, identity, communityId);
  const people = await peopleOf(ctx, communityId);
  if (req.avoidPairingWith?.some((id) => !people.has(id) || id === member.userId)) throw badRequest("avoidPairingWith: list members of this community other than yourself.", "avoidPairingWith");
  if (req.snoozeUntil && req.snoozeUntil < today(ctx, community.timeZone)) throw badRequest("snoozeUntil: choose a date from today on.", "snoozeUntil");
  const prefs = member.preferences;
  const next: Member = {
    ...member,
    preferences: {
      ...prefs,
      buddyOptOut: req.optedOut ?? prefs.buddyOptOut,
      buddySnoozeUntil: req.snoozeUntil === null ? undefined : (req.snoozeUntil ?? prefs.buddySnoozeUntil),
      avoidPairingWith: req.avoidPairingWith ? [...new Set(req.avoidPairingWith)] : prefs.avoidPairingWith,
    },
  };
  await ctx.repos.members.upsert(next, community.name);
  return { preferences: preferencesView(next, people) };
}

export async function updateBuddySettings(ctx: CommandContext, identity: Identity, communityId: string, input: unknown): Promise<{ settings: BuddySettings }> {
  const req = parseInput(BuddySettingsUpdateRequest, input);
  const { actor } = await context(ctx, identity, communityId);
  authorize(actor, "buddy", "manage", undefined, "Only facilitators and leads can change buddy settings.");
  const found = await ctx.repos.communities.get(communityId, communityId);
  if (!found) throw notFound("The community");
  const settings = settingsOf({ ...settingsOf(found.doc.buddies), ...req });
  await ctx.repos.communities.replace({ ...found.doc, buddies: settings, updatedAt: ctx.clock.now().toISOString() }, found.etag);
  return { settings };
}

