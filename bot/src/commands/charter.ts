import { z } from "zod";
import {
  CharterAcknowledgeRequest,
  CharterUpdateRequest,
  MemberRoleRequest,
  SMALL_GROUP_MINIMUM,
  type Charter,
  type CharterAcknowledgement,
  type CharterContent,
  type CharterVersion,
  type CharterVersionSummary,
  type CharterVersionView,
  type CharterView,
  type Community,
  type Contact,
  type Member,
  type MemberRoleResponse,
  type MembersView,
  type MemberView,
  type NewcomerView,
  type Role,
} from "../contracts";
import { editPriorities, seriesRhythm } from "../domain/charter";
import { AppError, badRequest, conflict, isAppError, notFound } from "../domain/errors";
import { guard } from "../domain/insights";
import { parseInput } from "../domain/validation";
import { authorize, can, leads, type CommunityActor, type Identity } from "../policies";
import { type Stored } from "../store/documents";
import { loadCommunity, resolveActor, resolveCommunityActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { peopleByIds, peopleOf, personRef, type People } from "./sessionViews";

/** How many norms the charter "in brief" shows, and how many starter items a newcomer gets. */
export const BRIEF_NORMS = 3;
export const STARTER_COUNT = 3;
/** Conditional writes lost to an unrelated change of the community document are tried again this often. */
const WRITE_ATTEMPTS = 3;

const ROLE_ORDER: Record<Role, number> = { lead: 0, facilitator: 1, member: 2, sponsor: 3 };
const byRoleThenName = (a: Member, b: Member) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.displayName.localeCompare(b.displayName);

/** The charter's text with the priorities and values, which live on the community. */
function contentOf(community: Community): CharterContent {
  const c = community.charter;
  return {
    purpose: c?.purpose ?? "",
    goals: c?.goals ?? [],
    norms: c?.norms ?? [],
    decisionRights: c?.decisionRights ?? [],
    culturalPriorities: community.culturalPriorities,
    values: community.values,
    cadence: c?.cadence ?? "",
  };
}

const versionContent = (v: CharterVersion): CharterContent => ({
  purpose: v.purpose,
  goals: v.goals,
  norms: v.norms,
  decisionRights: v.decisionRights,
  culturalPriorities: v.culturalPriorities,
  values: v.values,
  cadence: v.cadence,
});

const summaryOf = (c: Pick<Charter, "version" | "updatedAt" | "updatedBy" | "note">, people: People): CharterVersionSummary => ({
  version: c.version,
  updatedAt: c.updatedAt,
  updatedByName: personRef(people, c.updatedBy).displayName,
  note: c.note ?? null,
});

/** The acknowledgement count, shown only when enough people stand behind it (the small-group rule), else why not. */
function acknowledged(version: number, count: number): { count: number | null; note: string | null } {
  if (version === 0) return { count: null, note: "There is no charter to acknowledge yet: a lead writes the first version." };
  const guarded = guard(count, count);
  return guarded.suppressed ? { count: null, note: `Shown once at least ${SMALL_GROUP_MINIMUM} people have acknowledged this version, so no one's choice stands out.` } : { count, note: null };
}

/**
 * The charter as `actor` (`member`) sees it: content, versions, their acknowledgement, the
 * count (five people or more), what they may do. Names the few people who wrote versions
 * with point reads.
 */
async function charterView(ctx: CommandContext, actor: CommunityActor, member: Member, community: Community): Promise<CharterView> {
  const communityId = community.id;
  const current = community.charter;
  const version = current?.version ?? 0;
  const [past, mine, count] = await Promise.all([
    version > 1 ? ctx.repos.charter.pastVersions(communityId, version) : Promise.resolve([]),
    ctx.repos.charter.acknowledgementOf(communityId, actor.userId),
    version > 0 ? ctx.repos.charter.acknowledgedCount(communityId, version) : Promise.resolve(0),
  ]);
  const people = await peopleByIds(ctx, communityId, [...(current ? [current.updatedBy] : []), ...past.map((v) => v.updatedBy)], [member]);
  const guarded = acknowledged(version, count);
  return {
    communityId,
    communityName: community.name,
    charter: {
      ...contentOf(community),
      version,
      updatedAt: current?.updatedAt ?? null,
      updatedByName: current ? personRef(people, current.updatedBy).displayName : null,
      note: current?.note ?? null,
    },
    myAcknowledgedVersion: mine?.doc.version ?? null,
    acknowledgedCount: guarded.count,
    acknowledgedCountNote: guarded.note,
    versions: [...(current ? [summaryOf(current, people)] : []), ...past.map((v) => summaryOf(v, people))],
    can: { edit: can(actor, "charter", "edit"), acknowledge: version > 0 && can(actor, "charter", "acknowledge") },
  };
}

/** The community's charter, its versions and who has read it. */
export async function readCharter(ctx: CommandContext, identity: Identity, communityId: string): Promise<CharterView> {
  const { actor, member, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "charter", "read");
  return charterView(ctx, actor, member, community);
}

function staleEdit(current: number, base: number, byName: string | null): AppError {
  const who = byName ? ` by ${byName}` : "";
  return new AppError(
    409,
    "edit_conflict",
    `The charter was changed${who} since you opened version ${base}: it is now at version ${current}. Reload to see that change, then make yours again.`,
    "baseVersion",
  );
}

function duplicateIn(list: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const item of list) {
    const key = item.trim().toLowerCase();
    if (seen.has(key)) return item.trim();
    seen.add(key);
  }
  return undefined;
}

const quoted = (names: string[]) => {
  const shown = names.slice(0, 3).map((n) => `“${n}”`);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0]!;
};

/**
 * The community after the edit, or null when nothing changed. Refuses (400, with what to
 * fix) a charter without purpose or cadence, a value listed twice, and removing a
 * priority a practice still belongs to.
 */
async function edited(ctx: CommandContext, community: Community, req: z.infer<typeof CharterUpdateRequest>, actor: CommunityActor, now: string): Promise<Community | null> {
  const current = community.charter;
  const purpose = req.purpose ?? current?.purpose;
  if (!purpose) throw badRequest("purpose: write what the community is for; every charter starts with its purpose.", "purpose");
  const cadence = req.cadence ?? current?.cadence;
  if (!cadence) throw badRequest("cadence: say how often the community meets, e.g. “A 30-minute check-in every Tuesday”.", "cadence");
  const values = req.values ?? community.values;
  const twice = duplicateIn(values);
  if (twice) throw badRequest(`values: “${twice}” is listed twice; keep one.`, "values");

  let priorities = community.culturalPriorities;
  if (req.culturalPriorities) {
    const edit = editPriorities(community.culturalPriorities, req.culturalPriorities);
    if (!edit.ok) throw badRequest(edit.message, edit.field);
    if (edit.removed.length > 0) {
      const practices = await ctx.repos.practices.practices.all(community.id);
      for (const gone of edit.removed) {
        const using = practices.filter((p) => p.priority === gone.id).map((p) => p.name);
        if (using.length === 0) continue;
        const them = using.length === 1 ? "the practice" : `${using.length} practices:`;
        throw badRequest(
          `culturalPriorities: “${gone.label}” is still the priority of ${them} ${quoted(using)}. Move ${using.length === 1 ? "it" : "them"} to another priority on the progress map first, then remove “${gone.label}”.`,
          "culturalPriorities",
        );
      }
    }
    priorities = edit.priorities;
  }

  const text = { purpose, goals: req.goals ?? current?.goals ?? [], norms: req.norms ?? current?.norms ?? [], decisionRights: req.decisionRights ?? current?.decisionRights ?? [], cadence };
  const content: CharterContent = { purpose, goals: text.goals, norms: text.norms, decisionRights: text.decisionRights, culturalPriorities: priorities, values, cadence };
  if (current && JSON.stringify(content) === JSON.stringify(contentOf(community))) return null;
  const charter: Charter = { ...text, version: (current?.version ?? 0) + 1, updatedAt: now, updatedBy: actor.userId, ...(req.note ? { note: req.note } : {}) };
  return { ...community, culturalPriorities: priorities, values, charter, updatedAt: now };
}

/**
 * A lead's edit of the charter (and with it the community's priorities and values), on top
 * of the version they opened. The version being replaced is kept first (`chv-<version>`,
 * idempotent), then the community is replaced on its etag: a stale base version is a 409
 * that says what happened, and an unrelated change of the community is simply tried again.
 */
export async function updateCharter(ctx: CommandContext, identity: Identity, communityId: string, input: unknown): Promise<CharterView> {
  const req = parseInput(CharterUpdateRequest, input);
  const { actor, member, community: first, etag } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "charter", "edit", undefined, "Only leads change the charter. Suggest your change to one of them.");
  for (let attempt = 1; ; attempt++) {
    // The first try uses the community as just read; a try after a conflict reads it again.
    const found: Stored<Community> = attempt === 1 ? { doc: first, etag } : await loadCommunity(ctx, communityId);
    const community = found.doc;
    const current = community.charter;
    const version = current?.version ?? 0;
    if (req.baseVersion !== version) {
      const people = current ? await peopleByIds(ctx, communityId, [current.updatedBy], [member]) : new Map<string, Member>();
      throw staleEdit(version, req.baseVersion, current ? personRef(people, current.updatedBy).displayName : null);
    }
    const next = await edited(ctx, community, req, actor, ctx.clock.now().toISOString());
    if (!next) return charterView(ctx, actor, member, community);
    if (current) {
      await ctx.repos.charter.keepVersion({ ...current, communityId, tenantId: community.tenantId, culturalPriorities: community.culturalPriorities, values: community.values });
    }
    try {
      await ctx.repos.communities.replace(next, found.etag);
    } catch (e) {
      if (isAppError(e) && e.code === "edit_conflict" && attempt < WRITE_ATTEMPTS) continue;
      throw e;
    }
    ctx.log.info({ event: "charter_updated", communityId, version: next.charter!.version }, "charter updated");
    return charterView(ctx, actor, member, next);
  }
}

/**
 * "I've read it": records the current version against the reader (sponsors too). Naming
 * the version they read refuses the acknowledgement when the charter changed meanwhile.
 */
export async function acknowledgeCharter(ctx: CommandContext, identity: Identity, communityId: string, input: unknown): Promise<CharterView> {
  const req = parseInput(CharterAcknowledgeRequest, input ?? {});
  const { actor, member, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "charter", "acknowledge");
  const version = community.charter?.version;
  if (!version) throw badRequest("There is no charter to acknowledge yet: a lead writes the first version.");
  if (req.version !== undefined && req.version !== version) {
    throw conflict(`The charter changed since you opened version ${req.version}: it is now at version ${version}. Read the new version, then acknowledge it.`);
  }
  const ack: CharterAcknowledgement = { communityId, tenantId: community.tenantId, userId: actor.userId, version, acknowledgedAt: ctx.clock.now().toISOString() };
  for (let attempt = 1; ; attempt++) {
    const existing = await ctx.repos.charter.acknowledgementOf(communityId, actor.userId);
    if (existing?.doc.version === version) break;
    try {
      if (existing) await ctx.repos.charter.acknowledgements.replace(ack, existing.etag);
      else await ctx.repos.charter.acknowledgements.create(ack);
      break;
    } catch (e) {
      // Two clicks at once: the other one wrote it; read again.
      if (isAppError(e) && (e.code === "edit_conflict" || e.code === "already_exists") && attempt < WRITE_ATTEMPTS) continue;
      throw e;
    }
  }
  return charterView(ctx, actor, member, community);
}

const VersionParam = z.coerce.number({ message: "must be a version number such as 2" }).int("must be a version number such as 2").min(1, "must be 1 or more");

/** One version in full, past or current. */
export async function readCharterVersion(ctx: CommandContext, identity: Identity, communityId: string, rawVersion: unknown): Promise<CharterVersionView> {
  const version = parseInput(VersionParam, rawVersion, "version");
  const { actor, member, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "charter", "read");
  const current = community.charter;
  if (current && version === current.version) {
    return { ...summaryOf(current, await peopleByIds(ctx, communityId, [current.updatedBy], [member])), content: contentOf(community), current: true };
  }
  const past = current && version < current.version ? await ctx.repos.charter.getVersion(communityId, version) : null;
  if (!past) throw notFound(`Version ${version} of the charter`);
  return { ...summaryOf(past.doc, await peopleByIds(ctx, communityId, [past.doc.updatedBy], [member])), content: versionContent(past.doc), current: false };
}

const contactOf = (m: Member): Contact => ({ userId: m.userId, displayName: m.displayName, role: m.role, department: m.department, title: m.title ?? null });

/**
 * What a newcomer needs, from current data: the charter in brief, each series' rhythm and
 * the next session, three items everyone may read (most opened first), and the leads and
 * facilitators to ask. Shared by the tab's newcomer view and the welcome card.
 */
export async function newcomerOf(ctx: CommandContext, community: Community, people: People): Promise<Omit<NewcomerView, "charter"> & { charter: Omit<NewcomerView["charter"], "myAcknowledgedVersion"> }> {
  const communityId = community.id;
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + 62 * 24 * 60 * 60 * 1000);
  const [series, upcoming, opened] = await Promise.all([
    ctx.repos.series.all(communityId),
    ctx.repos.rhythm.sessionsBetween(communityId, now.toISOString(), horizon.toISOString(), { limit: 10 }),
    // A viewer with no id and no circles: only what everyone may read comes back.
    ctx.repos.artifacts.list(communityId, { userId: "", circleIds: [] }, { sort: "opened" }, { limit: 10 }),
  ]);
  const next = upcoming.find((s) => s.status === "scheduled");
  return {
    communityId,
    communityName: community.name,
    charter: { purpose: community.charter?.purpose ?? community.purpose, norms: (community.charter?.norms ?? []).slice(0, BRIEF_NORMS), version: community.charter?.version ?? 0 },
    sessions: {
      cadence: community.charter?.cadence ?? "",
      series: series
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title))
        .map((s) => ({ title: s.title, kind: s.kind, when: seriesRhythm(s), durationMinutes: s.durationMinutes })),
      next: next ? { id: next.id, title: next.title, startsAt: next.startsAt, timeZone: next.timeZone } : null,
    },
    starters: opened.items
      .filter((a) => a.visibility === "community" && !a.deleted)
      .slice(0, STARTER_COUNT)
      .map((a) => ({ id: a.id, title: a.title, type: a.type, summary: a.summary })),
    contacts: [...people.values()].filter(leads).sort(byRoleThenName).map(contactOf),
  };
}

/** The newcomer path in the tab: the same content as the welcome card, and whether I have read the charter. */
export async function readNewcomer(ctx: CommandContext, identity: Identity, communityId: string): Promise<NewcomerView> {
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "charter", "read");
  const [people, mine] = await Promise.all([peopleOf(ctx, communityId), ctx.repos.charter.acknowledgementOf(communityId, actor.userId)]);
  const view = await newcomerOf(ctx, community, people);
  return { ...view, charter: { ...view.charter, myAcknowledgedVersion: mine?.doc.version ?? null } };
}

/** Only what the whole community may see of a person: no preferences, circles or manager. */
const memberView = (m: Member): MemberView => ({ userId: m.userId, displayName: m.displayName, role: m.role, department: m.department, title: m.title ?? null, joinedAt: m.joinedAt });

/** Everyone in the community with their role and department; leads may change roles. */
export async function listMembers(ctx: CommandContext, identity: Identity, communityId: string): Promise<MembersView> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "charter", "read");
  const members = await ctx.repos.members.list(communityId);
  return { members: members.sort(byRoleThenName).map(memberView), can: { assignRoles: can(actor, "charter", "assignRoles") } };
}

/**
 * A lead gives someone a role. The last lead cannot be made anything else: someone must
 * be able to edit the charter and assign roles. Taking a lead's role away also touches
 * the community document on its etag, so two leads demoting each other at the same moment
 * cannot leave the community with none (one of them gets a conflict).
 */
export async function assignRole(ctx: CommandContext, identity: Identity, communityId: string, rawUserId: unknown, input: unknown): Promise<MemberRoleResponse> {
  const userId = parseInput(z.string().trim().min(1).max(200), rawUserId, "userId");
  const req = parseInput(MemberRoleRequest, input);
  const { actor, community: first, etag } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "charter", "assignRoles", undefined, "Only leads assign roles. Ask one of them to make this change.");
  for (let attempt = 1; ; attempt++) {
    const community: Stored<Community> = attempt === 1 ? { doc: first, etag } : await loadCommunity(ctx, communityId);
    const target = await ctx.repos.members.get(communityId, userId);
    if (!target) throw notFound("That member");
    const previousRole = target.doc.role;
    if (previousRole === req.role) return { member: memberView(target.doc), previousRole };
    try {
      if (previousRole === "lead") {
        const leads = (await ctx.repos.members.list(communityId)).filter((m) => m.role === "lead");
        if (leads.length <= 1) {
          const self = target.doc.userId === actor.userId;
          throw conflict(
            self
              ? "You are the community's only lead. Make someone else a lead first, then change your own role."
              : `${target.doc.displayName} is the community's only lead. Make someone else a lead first, then change ${target.doc.displayName}'s role.`,
          );
        }
        await ctx.repos.communities.replace({ ...community.doc, updatedAt: ctx.clock.now().toISOString() }, community.etag);
      }
      const member: Member = { ...target.doc, role: req.role };
      await ctx.repos.members.replace(member, target.etag, community.doc.name);
      ctx.log.info({ event: "role_changed", communityId, from: previousRole, to: req.role }, "role changed");
      return { member: memberView(member), previousRole };
    } catch (e) {
      if (isAppError(e) && e.code === "edit_conflict" && attempt < WRITE_ATTEMPTS) continue;
      throw e;
    }
  }
}
