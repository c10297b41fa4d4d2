import { randomUUID } from "node:crypto";
import { FollowUpCreateRequest, FollowUpUpdateRequest, type FollowUpListQuery, type FollowUp, type FollowUpListResponse, type FollowUpResponse, type FollowUpView, type NewJob } from "../contracts";
import { badRequest, notFound } from "../domain/errors";
import { followUpNudges, isOverdue } from "../domain/followUps";
import { parseInput } from "../domain/validation";
import { authorize, can, type CommunityActor, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { RHYTHM_JOBS } from "./sessionPlanner";
import { peopleOf, personRef, type People } from "./sessionViews";

/** The follow-ups board: open (soonest due first), done, or all; optionally only mine. */
export async function listFollowUps(ctx: CommandContext, identity: Identity, communityId: string, query: Partial<FollowUpListQuery> = {}): Promise<FollowUpListResponse> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "read");
  const [items, people] = await Promise.all([ctx.repos.rhythm.followUpsByStatus(communityId, query.status === "all" ? undefined : (query.status ?? "open")), peopleOf(ctx, communityId)]);
  const titles = await sessionTitles(ctx, communityId, items);
  return { items: items.filter((f) => !query.mine || f.ownerId === actor.userId).map((f) => view(ctx, actor, f, people, titles, member.timeZone)) };
}

/** A new commitment: who does what by when; the owner is nudged the day before and if it runs late. */
export async function createFollowUp(ctx: CommandContext, identity: Identity, communityId: string, input: FollowUpCreateRequest): Promise<FollowUpResponse> {
  const req = parseInput(FollowUpCreateRequest, input);
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "followUp", "create", undefined, "Sponsors follow the community's work but don't create follow-ups.");
  const people = await peopleOf(ctx, communityId);
  checkOwner(people, req.ownerId);
  if (req.sessionId && !(await ctx.repos.rhythm.getSession(communityId, req.sessionId))) throw badRequest("sessionId: no session with that id in this community.", "sessionId");
  const now = ctx.clock.now().toISOString();
  const followUp: FollowUp = { id: `fup-${randomUUID()}`, communityId, tenantId: identity.tenantId, sessionId: req.sessionId, title: req.title, ownerId: req.ownerId, dueOn: req.dueOn, status: "open", createdBy: actor.userId, createdAt: now, updatedAt: now };
  await ctx.repos.rhythm.followUps.create(followUp);
  await ctx.repos.jobs.enqueueMany(nudgeJobs(followUp, people));
  return { followUp: view(ctx, actor, followUp, people, await sessionTitles(ctx, communityId, [followUp]), member.timeZone) };
}

/** Edit, mark done or reopen. A new due date or owner gets fresh nudges; old ones stand down. */
export async function updateFollowUp(ctx: CommandContext, identity: Identity, communityId: string, followUpId: string, input: FollowUpUpdateRequest): Promise<FollowUpResponse> {
  const req = parseInput(FollowUpUpdateRequest, input);
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  const found = await ctx.repos.rhythm.followUps.get(communityId, followUpId);
  if (!found) throw notFound("That follow-up");
  authorize(actor, "followUp", "update", found.doc, "Only the follow-up's owner, whoever created it, facilitators and leads can change it.");
  const people = await peopleOf(ctx, communityId);
  if (req.ownerId) checkOwner(people, req.ownerId);
  const now = ctx.clock.now().toISOString();
  const status = req.status ?? found.doc.status;
  const next: FollowUp = {
    ...found.doc,
    ...req,
    status,
    doneAt: status === "done" ? (found.doc.status === "done" ? found.doc.doneAt : now) : undefined,
    updatedAt: now,
  };
  await ctx.repos.rhythm.followUps.replace(next, found.etag);
  if (next.status === "open") await ctx.repos.jobs.enqueueMany(nudgeJobs(next, people));
  return { followUp: view(ctx, actor, next, people, await sessionTitles(ctx, communityId, [next]), member.timeZone) };
}

function checkOwner(people: People, ownerId: string): void {
  const owner = people.get(ownerId);
  if (!owner || owner.role === "sponsor") throw badRequest("ownerId: choose a member of this community who takes part in sessions.", "ownerId");
}

/** The owner's nudges, in their zone; the ids carry the due date and owner so a change makes new ones. */
export function nudgeJobs(f: FollowUp, people: People): NewJob[] {
  const zone = people.get(f.ownerId)?.timeZone ?? "UTC";
  return followUpNudges(f.dueOn, zone).map((n) => ({
    id: `nudge-${f.id}-${f.dueOn}-${f.ownerId}-${n.kind}`,
    tenantId: f.tenantId,
    kind: RHYTHM_JOBS.followUpNudge,
    dueAt: n.at.toISOString(),
    payload: { communityId: f.communityId, followUpId: f.id, dueOn: f.dueOn, ownerId: f.ownerId, nudge: n.kind },
  }));
}

async function sessionTitles(ctx: CommandContext, communityId: string, items: FollowUp[]): Promise<Map<string, string>> {
  const ids = [...new Set(items.map((f) => f.sessionId).filter((id): id is string => Boolean(id)))];
  const found = await Promise.all(ids.map((id) => ctx.repos.rhythm.getSession(communityId, id)));
  return new Map(found.filter((s) => s !== null).map((s) => [s!.doc.id, `${s!.doc.title}, ${s!.doc.startsAt.slice(0, 10)}`]));
}

function view(ctx: CommandContext, actor: CommunityActor, f: FollowUp, people: People, titles: Map<string, string>, zone: string): FollowUpView {
  const { tenantId: _t, ...rest } = f;
  return {
    ...rest,
    owner: personRef(people, f.ownerId),
    sessionTitle: f.sessionId ? (titles.get(f.sessionId) ?? null) : null,
    overdue: f.status === "open" && isOverdue(f.dueOn, ctx.clock.now(), people.get(f.ownerId)?.timeZone ?? zone),
    canEdit: can(actor, "followUp", "update", f),
  };
}
