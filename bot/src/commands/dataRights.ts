import {
  EraseMeRequest,
  type Artifact,
  type BuddyReflection,
  type CheckIn,
  type EraseCounts,
  type EraseMeResponse,
  type Feedback,
  type FollowUp,
  type MyDataExport,
  type Pilot,
  type PromptAnswer,
  type Rsvp,
} from "../contracts";
import { badRequest, conflict } from "../domain/errors";
import { parseInput } from "../domain/validation";
import { authorize, type Identity } from "../policies";
import { mentions, replaceDeep, type RawDoc } from "../store/repositories/contributions";
import { resolveCommunityActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { planCommunity } from "./sessionPlanner";

/** How an erased member's contributions are signed from then on. */
export const FORMER_MEMBER = "A former member";

/** Storage fields nobody needs in their copy. */
function withoutStorage<T extends object>(entity: T): Omit<T, "tenantId"> {
  const { tenantId: _t, ...rest } = entity as T & { tenantId?: string };
  return rest;
}

const present = <T>(x: T | null): x is T => x !== null;

/**
 * Everything one person contributed in one community, for them to keep: their member
 * record with their preferences, the items they wrote (anonymous and deleted ones too:
 * they are theirs), their RSVPs, check-ins and feedback with the sessions they were for,
 * follow-ups they own or created, prompt answers, pilots, buddy reflections and any other
 * record of theirs. Nobody else's answers or private items are in it.
 */
export async function exportMyData(ctx: CommandContext, identity: Identity, communityId: string): Promise<MyDataExport> {
  const { actor, member, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "dataRights", "export");
  const { rhythm, practices, buddies, artifacts, contributions } = ctx.repos;
  const [owned, authored] = await Promise.all([contributions.ownedBy(communityId, actor.userId), contributions.authoredBy(communityId, actor.userId)]);
  const of = <T>(docs: RawDoc[], type: string, parse: (d: unknown) => T | null) => docs.filter((d) => d.type === type).map(parse).filter(present);

  const rsvps = of<Rsvp>(owned, "rsvp", (d) => rhythm.rsvps.fromDoc(d));
  const checkIns = of<CheckIn>(owned, "checkIn", (d) => rhythm.checkIns.fromDoc(d));
  const feedback = of<Feedback>(owned, "feedback", (d) => rhythm.feedback.fromDoc(d));
  const answers = of<PromptAnswer>(owned, "promptAnswer", (d) => practices.answers.fromDoc(d));
  const pilots = of<Pilot>(owned, "pilot", (d) => practices.pilots.fromDoc(d));
  const reflections = of<BuddyReflection>(owned, "buddyReflection", (d) => buddies.reflections.fromDoc(d));
  const items = of<Artifact>(authored, "artifact", (d) => artifacts.collection.fromDoc(d));
  const followUps = of<FollowUp>(authored, "followUp", (d) => rhythm.followUps.fromDoc(d));
  const known = new Set(["rsvp", "checkIn", "feedback", "promptAnswer", "pilot", "buddyReflection"]);
  // Index documents (which answer is whose) hold nothing they wrote.
  const other = owned.filter((d) => !known.has(d.type) && d.userId === actor.userId).map(({ tenantId: _t, schemaVersion: _v, ttl: _ttl, ...rest }) => rest);

  const sessionIds = [...new Set([...rsvps, ...checkIns, ...feedback].map((x) => x.sessionId))];
  const [sessions, postingTexts, allPractices] = await Promise.all([
    rhythm.sessionsByIds(communityId, sessionIds),
    contributions.postingTexts(communityId, [...new Set(answers.map((a) => a.postingId))]),
    pilots.length ? practices.practices.all(communityId) : Promise.resolve([]),
  ]);
  const practiceNames = new Map(allPractices.map((p) => [p.id, p.name]));
  const byTime = <T>(at: (x: T) => string) => (a: T, b: T) => at(a).localeCompare(at(b));

  return {
    exportedAt: ctx.clock.now().toISOString(),
    community: { id: communityId, name: community.name },
    member: withoutStorage(member),
    artifacts: items.sort(byTime((a) => a.createdAt)).map(withoutStorage),
    sessions: sessions
      .map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt }))
      .sort(byTime((s) => s.startsAt)),
    rsvps: rsvps.sort(byTime((r) => r.at)).map(withoutStorage),
    checkIns: checkIns.sort(byTime((c) => c.submittedAt)).map(withoutStorage),
    feedback: feedback.sort(byTime((f) => f.submittedAt)).map(withoutStorage),
    followUps: followUps.sort(byTime((f) => f.createdAt)).map(withoutStorage),
    promptAnswers: answers.sort(byTime((a) => a.createdAt)).map((a) => ({ ...withoutStorage(a), promptText: postingTexts.get(a.postingId) ?? null })),
    pilots: pilots.sort(byTime((p) => p.createdAt)).map((p) => ({ ...withoutStorage(p), practiceName: practiceNames.get(p.practiceId) ?? null })),
    buddyReflections: reflections.sort(byTime((r) => r.submittedAt)).map(withoutStorage),
    otherRecords: other,
  };
}

const sameName = (a: string, b: string) => a.normalize("NFC").trim().replace(/\s+/g, " ") === b.normalize("NFC").trim().replace(/\s+/g, " ");

/** The id a document of theirs moves to: their user id (the last time it appears) swapped for the pseudonym. */
function movedId(id: string, userId: string, pseudonym: string): string {
  const at = id.lastIndexOf(userId);
  return at < 0 ? id : `${id.slice(0, at)}${pseudonym}${id.slice(at + userId.length)}`;
}

const COUNTED: Record<string, keyof EraseCounts> = {
  rsvp: "rsvps",
  checkIn: "checkIns",
  feedback: "feedback",
  promptAnswer: "promptAnswers",
  pilot: "pilots",
  buddyReflection: "buddyReflections",
  artifact: "artifacts",
  artifactVersion: "artifactVersions",
  followUp: "followUps",
};

/**
 * Erases a person from a community without losing what the community learned: everything
 * they contributed stays, under a pseudonym (`former-<hash>`) and signed "A former member";
 * their own private drafts, which nobody else could ever read, are deleted. Then their
 * membership ends and, if it was their last community, their personal chat is kept out of
 * any further delivery. Confirmed by typing their display name.
 *
 * Safe to run again after a crash: documents keyed by their id are copied under the
 * pseudonym before the original is deleted, the pseudonym is kept in a marker until the
 * end, and the member document goes last (so they can still run it to finish).
 */
export async function eraseMe(ctx: CommandContext, identity: Identity, communityId: string, input: unknown): Promise<EraseMeResponse> {
  const req = parseInput(EraseMeRequest, input ?? {});
  const { actor, member, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "dataRights", "erase");
  if (!sameName(req.confirm, member.displayName)) {
    throw badRequest(`confirm: to erase your data, type your name exactly as the community shows it: ${member.displayName}`, "confirm");
  }
  const { contributions, members, directory } = ctx.repos;
  if (member.role === "lead" && (await members.list(communityId)).filter((m) => m.role === "lead").length <= 1) {
    throw conflict("You are this community's only lead. Make someone else a lead first, then erase your data, so the community is not left without one.");
  }
  const userId = actor.userId;
  const pseudonym = await contributions.erasurePseudonym(communityId, member.tenantId, userId);
  const counts: EraseCounts = { artifacts: 0, artifactVersions: 0, rsvps: 0, checkIns: 0, feedback: 0, followUps: 0, promptAnswers: 0, pilots: 0, buddyReflections: 0, mentions: 0, membership: 0 };
  const count = (type: string, bucket?: keyof EraseCounts) => (counts[bucket ?? COUNTED[type] ?? "mentions"] += 1);

  // Their own records (RSVPs, check-ins, feedback, answers, pilots, reflections, acknowledgements, keys): re-keyed.
  for (const doc of await contributions.ownedBy(communityId, userId)) {
    const moved = await contributions.rewrite(communityId, doc.id, (d) => {
      if (d.userId !== userId && !d.id.endsWith(`-${userId}`)) return null;
      return { ...replaceDeep(d, userId, pseudonym), id: movedId(d.id, userId, pseudonym) };
    });
    // Index documents (a prompt answer's key) move along uncounted.
    if (moved && doc.userId !== undefined) count(doc.type);
  }

  // Everything that names them elsewhere: items and versions, sessions, follow-ups, rounds, practices, prompts, swaps, the charter.
  const now = ctx.clock.now();
  const mentioning = await contributions.mentioning(communityId, userId);
  const privateDrafts = new Set(mentioning.filter((d) => d.type === "artifact" && d.authorId === userId && d.visibility === "private").map((d) => d.id));
  let freedSessions = 0;
  for (const doc of mentioning) {
    if ((doc.type === "artifact" && privateDrafts.has(doc.id)) || (doc.type === "artifactVersion" && privateDrafts.has(String(doc.artifactId)))) {
      await contributions.remove(communityId, doc.id);
      count(doc.type);
      continue;
    }
    let freed = false;
    const changed = await contributions.rewrite(communityId, doc.id, (d) => {
      if (!mentions(d, userId)) return null;
      const next = replaceDeep(d, userId, pseudonym);
      if (d.type === "artifact" && d.authorId === userId) next.authorName = FORMER_MEMBER;
      if (d.type === "session" && d.status === "scheduled" && d.facilitatorId === userId && Date.parse(String(d.startsAt)) > now.getTime()) {
        // A session still to come needs someone who is here: the planner picks a new facilitator.
        delete next.facilitatorId;
        next.agenda = (Array.isArray(next.agenda) ? (next.agenda as Record<string, unknown>[]) : []).map((item) => {
          if (item.ownerId !== pseudonym) return item;
          const { ownerId: _o, ...rest } = item;
          return rest;
        });
        next.revision = (typeof d.revision === "number" ? d.revision : 0) + 1;
        next.updatedAt = now.toISOString();
        freed = true;
      }
      return next;
    });
    if (!changed) continue;
    if (freed) freedSessions += 1;
    if (doc.type === "artifact" && doc.authorId !== userId) count(doc.type, "mentions");
    else count(doc.type);
  }

  // The membership ends last: the marker first (nothing links them to the pseudonym after), the member document at the very end.
  await contributions.dropErasureMarker(communityId, userId);
  await contributions.removeMember(member.tenantId, communityId, userId);
  counts.membership = 1;
  if ((await directory.getMemberships(member.tenantId, userId)).length === 0) {
    const chat = await directory.getPersonalConversation(member.tenantId, userId);
    if (chat && !chat.goneAt) await directory.markConversationGone(chat, now.toISOString());
  }
  if (freedSessions > 0) await planCommunity(ctx, communityId);
  ctx.log.info({ event: "member_erased", communityId, counts }, "a member erased their data");
  return {
    erased: true,
    counts,
    message: `Your contributions to ${community.name} now show as "${FORMER_MEMBER}", and you are no longer a member. What you shared stays for others to learn from; nothing links it to you.`,
  };
}
