import { createHash, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import {
  CreatePromptRequest,
  DEFAULT_PROMPT_SETTINGS,
  PageQuery,
  PromoteRequest,
  PromptSettings,
  PromptSettingsUpdateRequest,
  RespondRequest,
  UpdatePromptRequest,
  type AnswerResponse,
  type Artifact,
  type ArtifactContent,
  type CheckIn,
  type Community,
  type Member,
  type NewJob,
  type PostingResponse,
  type PostingView,
  type PromoteResponse,
  type Prompt,
  type PromptAnswer,
  type PromptBankView,
  type PromptItemResponse,
  type PromptPosting,
  type PromptSettingsResponse,
  type PromptView,
  type ReflectionsFeedView,
  type ReflectionView,
} from "../contracts";
import { localDate } from "../domain/artifacts";
import { alreadyExists, badRequest, conflict, isAppError, notFound } from "../domain/errors";
import { nextPrompt, promptTimes } from "../domain/practices";
import { isAway, personalDeliveryTime } from "../domain/reminders";
import { clip } from "../domain/text";
import { parseInput } from "../domain/validation";
import { authorize, can, type CommunityActor, type Identity } from "../policies";
import { resolveCommunityActor } from "./actorResolver";
import { saveNewArtifact } from "./artifactCreator";
import { toArtifactView } from "./artifactViews";
import { type CommandContext } from "./context";
import { type Delivery, type WorkOutcome } from "./rhythmWork";
import { peopleByIds, peopleOf, personRef, type People } from "./sessionViews";

/** The scheduler's job kinds for prompts. */
export const PROMPT_JOBS = { post: "prompt.post", deliver: "prompt.deliver" } as const;

/** How many cadence posts are queued ahead (the daily plan tops them up). */
const POSTS_AHEAD = 2;
/** The feed shows the latest few postings to answer. */
const OPEN_POSTINGS = 3;

export const promptSettingsOf = (community: Pick<Community, "prompts">): PromptSettings => PromptSettings.parse(community.prompts ?? DEFAULT_PROMPT_SETTINGS);

const promptView = (p: Prompt): PromptView => ({ id: p.id, kind: p.kind, text: p.text, value: p.value, active: p.active, timesPosted: p.timesPosted, lastPostedAt: p.lastPostedAt ?? null });

function nextPostAt(community: Community, now: Date): string | null {
  const settings = promptSettingsOf(community);
  return settings.enabled ? promptTimes(now, settings.weekday, settings.time, community.timeZone, 1)[0]!.toISOString() : null;
}

function checkValue(community: Community, value: string | undefined): void {
  if (value === undefined || community.values.length === 0) return;
  if (!community.values.some((v) => v.toLowerCase() === value.toLowerCase())) throw badRequest(`value: choose one of this community's values (${community.values.join(", ")}).`, "value");
}

/** The value as the community writes it ("curiosity" → "Curiosity"). */
const canonicalValue = (community: Community, value: string) => community.values.find((v) => v.toLowerCase() === value.toLowerCase()) ?? value;

/** The bank, the cadence and when the next prompt goes out. */
export async function readPromptBank(ctx: CommandContext, identity: Identity, communityId: string): Promise<PromptBankView> {
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  const prompts = await ctx.repos.practices.prompts.all(communityId);
  prompts.sort((a, b) => Number(b.active) - Number(a.active) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { prompts: prompts.map(promptView), settings: promptSettingsOf(community), values: community.values, nextPostAt: nextPostAt(community, ctx.clock.now()), can: { manage: can(actor, "prompt", "manage") } };
}

export async function createPrompt(ctx: CommandContext, identity: Identity, communityId: string, input: CreatePromptRequest): Promise<PromptItemResponse> {
  const req = parseInput(CreatePromptRequest, input);
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "prompt", "manage", undefined, "Only facilitators and leads add prompts to the bank.");
  checkValue(community, req.value);
  const now = ctx.clock.now().toISOString();
  const prompt: Prompt = { id: `prm-${randomUUID()}`, communityId, tenantId: community.tenantId, ...req, value: canonicalValue(community, req.value), active: true, timesPosted: 0, createdBy: actor.userId, createdAt: now, updatedAt: now };
  await ctx.repos.practices.prompts.create(prompt);
  return { prompt: promptView(prompt) };
}

/** Edits text, kind or value, or retires a prompt (`active: false`) and brings it back. */
export async function updatePrompt(ctx: CommandContext, identity: Identity, communityId: string, promptId: string, input: UpdatePromptRequest): Promise<PromptItemResponse> {
  const req = parseInput(UpdatePromptRequest, input);
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "prompt", "manage", undefined, "Only facilitators and leads edit the prompt bank.");
  checkValue(community, req.value);
  const found = await ctx.repos.practices.prompts.get(communityId, promptId);
  if (!found) throw notFound("That prompt");
  const prompt: Prompt = { ...found.doc, ...req, ...(req.value ? { value: canonicalValue(community, req.value) } : {}), updatedAt: ctx.clock.now().toISOString() };
  await ctx.repos.practices.prompts.replace(prompt, found.etag);
  return { prompt: promptView(prompt) };
}

/** When the weekly prompt goes out; the next posts are queued at once. */
export async function updatePromptSettings(ctx: CommandContext, identity: Identity, communityId: string, input: unknown): Promise<PromptSettingsResponse> {
  const req = parseInput(PromptSettingsUpdateRequest, input);
  const { actor, community: current, etag } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "prompt", "manage", undefined, "Only facilitators and leads set when prompts go out.");
  const settings = PromptSettings.parse({ ...promptSettingsOf(current), ...req });
  const community: Community = { ...current, prompts: settings, updatedAt: ctx.clock.now().toISOString() };
  await ctx.repos.communities.replace(community, etag);
  await ctx.repos.jobs.enqueueMany(promptJobs(community, ctx.clock.now()));
  return { settings, nextPostAt: nextPostAt(community, ctx.clock.now()) };
}

/**
 * The cadence's next posts as jobs. Ids carry the time, so planning again adds nothing;
 * after a change of day or time the old jobs find they no longer match and stand down.
 */
export function promptJobs(community: Community, now: Date): NewJob[] {
  const settings = promptSettingsOf(community);
  if (!settings.enabled) return [];
  return promptTimes(now, settings.weekday, settings.time, community.timeZone, POSTS_AHEAD).map((at) => ({
    id: `prompt-${community.id}-${DateTime.fromJSDate(at, { zone: "utc" }).toFormat("yyyyLLdd'T'HHmm")}`,
    tenantId: community.tenantId,
    kind: PROMPT_JOBS.post,
    dueAt: at.toISOString(),
    payload: { communityId: community.id, at: at.toISOString() },
  }));
}

/** A facilitator posts a prompt now (out of the cadence); the cards follow within a scheduler tick. */
export async function postPromptNow(ctx: CommandContext, identity: Identity, communityId: string, promptId: string): Promise<PostingResponse> {
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "prompt", "manage", undefined, "Only facilitators and leads post prompts.");
  const found = await ctx.repos.practices.prompts.get(communityId, promptId);
  if (!found) throw notFound("That prompt");
  if (!found.doc.active) throw badRequest("This prompt is retired. Bring it back first, then post it.");
  const posting = await publish(ctx, found.doc, `pst-${randomUUID()}`, actor.userId);
  await ctx.repos.jobs.enqueue({ id: `deliver-${posting.id}`, tenantId: community.tenantId, kind: PROMPT_JOBS.deliver, dueAt: posting.postedAt, payload: { communityId, postingId: posting.id } });
  ctx.log.info({ event: "prompt_posted", communityId, postingId: posting.id, onDemand: true }, "prompt posted");
  return { posting: postingView(posting, 0, null) };
}

/**
 * Writes the posting (idempotent by id) and counts it on the prompt with one patch on the
 * server (`timesPosted` + 1 and `lastPostedAt`), which never collides with an edit of the
 * prompt. Run again after stopping between the two writes, it finishes the count.
 */
async function publish(ctx: CommandContext, prompt: Prompt, postingId: string, postedBy: string | null): Promise<PromptPosting> {
  const posting: PromptPosting = { id: postingId, communityId: prompt.communityId, tenantId: prompt.tenantId, promptId: prompt.id, kind: prompt.kind, text: prompt.text, value: prompt.value, postedAt: ctx.clock.now().toISOString(), postedBy };
  try {
    await ctx.repos.practices.postings.create(posting);
  } catch (error) {
    if (!isAppError(error) || error.code !== "already_exists") throw error;
    // Written by an earlier run: it may have stopped before counting it.
    const written = (await ctx.repos.practices.postings.get(prompt.communityId, postingId))!.doc;
    await ctx.repos.practices.finishCounting(written);
    return written;
  }
  await ctx.repos.practices.countPosting(posting);
  return posting;
}

/** A posted prompt to the channel, and personally to members who get personal messages (outside quiet hours, not away). */
async function deliveriesOf(ctx: CommandContext, posting: PromptPosting, jobId: string): Promise<Delivery[]> {
  const [community, people] = await Promise.all([ctx.repos.communities.get(posting.communityId, posting.communityId), peopleOf(ctx, posting.communityId)]);
  if (!community) return [];
  const notice = { kind: "prompt.posted" as const, postingId: posting.id, communityId: posting.communityId, communityName: community.doc.name, promptKind: posting.kind, text: posting.text, value: posting.value, postedAt: posting.postedAt };
  const now = ctx.clock.now();
  const deliveries: Delivery[] = [{ id: `${jobId}-channel`, target: { kind: "channel", tenantId: posting.tenantId, communityId: posting.communityId }, notice }];
  for (const m of people.values()) {
    if (!wantsPersonal(m, now)) continue;
    const at = personalDeliveryTime(now, m.timeZone, m.preferences.quietHours);
    if (at) deliveries.push({ id: `${jobId}-${m.userId}`, target: { kind: "personal", tenantId: posting.tenantId, userId: m.userId }, dueAt: at.toISOString(), notice });
  }
  return deliveries;
}

const wantsPersonal = (m: Member, at: Date) => m.role !== "sponsor" && m.preferences.personalReminders && !isAway(m.preferences.awayUntil, at, m.timeZone);

/** The scheduler's jobs: the cadence's post (choose the prompt, publish, deliver) and an on-demand post's delivery. */
export function promptWork(ctx: CommandContext): Record<string, (job: { id: string; payload: Record<string, unknown> }) => Promise<WorkOutcome>> {
  return {
    [PROMPT_JOBS.post]: async (job) => {
      const { communityId, at } = job.payload as { communityId: string; at: string };
      const community = await ctx.repos.communities.get(communityId, communityId);
      if (!community) return { note: "skipped" };
      const settings = promptSettingsOf(community.doc);
      const due = new Date(at);
      const planned = settings.enabled ? promptTimes(new Date(due.getTime() - 60_000), settings.weekday, settings.time, community.doc.timeZone, 1)[0] : undefined;
      if (!planned || planned.getTime() !== due.getTime()) return { note: "skipped" };
      const postingId = `pst-${job.id}`;
      const existing = await ctx.repos.practices.postings.get(communityId, postingId);
      let posting = existing?.doc;
      // The job run again: the posting went out before; finish its count if that run stopped first.
      if (posting) await ctx.repos.practices.finishCounting(posting);
      else {
        const prompt = nextPrompt(await ctx.repos.practices.prompts.all(communityId));
        if (!prompt) return { note: "skipped" };
        posting = await publish(ctx, prompt, postingId, null);
        ctx.log.info({ event: "prompt_posted", communityId, postingId, onDemand: false }, "prompt posted");
      }
      return { deliveries: await deliveriesOf(ctx, posting, job.id) };
    },
    [PROMPT_JOBS.deliver]: async (job) => {
      const { communityId, postingId } = job.payload as { communityId: string; postingId: string };
      const posting = await ctx.repos.practices.postings.get(communityId, postingId);
      if (!posting) return { note: "skipped" };
      return { deliveries: await deliveriesOf(ctx, posting.doc, job.id) };
    },
  };
}

function reflectionView(answer: PromptAnswer, posting: Pick<PromptPosting, "kind" | "text" | "value" | "postedAt"> | undefined, people: People, actor: CommunityActor): ReflectionView {
  return {
    id: answer.id,
    postingId: answer.postingId,
    prompt: { kind: posting?.kind ?? "discussion", text: posting?.text ?? "A prompt", value: posting?.value ?? "" },
    postedAt: posting?.postedAt ?? answer.createdAt,
    author: answer.anonymous ? null : personRef(people, answer.userId),
    anonymous: answer.anonymous,
    mine: answer.userId === actor.userId,
    answer: answer.answer,
    happened: answer.happened,
    intended: answer.intended,
    learned: answer.learned,
    createdAt: answer.createdAt,
    updatedAt: answer.updatedAt,
    promotedArtifactId: answer.promotedArtifactId ?? null,
    can: { promote: can(actor, "prompt", "promote") && !answer.promotedArtifactId && !answer.anonymous },
  };
}

function postingView(posting: PromptPosting, count: number, mine: ReflectionView | null): PostingView {
  return { id: posting.id, kind: posting.kind, text: posting.text, value: posting.value, postedAt: posting.postedAt, responseCount: count, myResponse: mine };
}

async function postingsById(ctx: CommandContext, communityId: string, ids: string[]): Promise<Map<string, PromptPosting>> {
  const found = await Promise.all([...new Set(ids)].map((id) => ctx.repos.practices.postings.get(communityId, id)));
  return new Map(found.filter((p) => p !== null).map((p) => [p!.doc.id, p!.doc]));
}

/** The reflections feed: the latest postings (first page) and everyone's answers, newest first; anonymous ones without a name. */
export async function readReflections(ctx: CommandContext, identity: Identity, communityId: string, page: { limit?: unknown; continuationToken?: unknown } = {}): Promise<ReflectionsFeedView> {
  const query = parseInput(PageQuery, page);
  const { actor } = await resolveCommunityActor(ctx, identity, communityId);
  const [answers, people, recent] = await Promise.all([
    ctx.repos.practices.answerPage(communityId, { limit: query.limit, continuationToken: query.continuationToken }),
    peopleOf(ctx, communityId),
    query.continuationToken ? Promise.resolve([]) : ctx.repos.practices.recentPostings(communityId, OPEN_POSTINGS),
  ]);
  const postings = await postingsById(ctx, communityId, answers.items.map((a) => a.postingId));
  for (const p of recent) postings.set(p.id, p);
  const ids = recent.map((p) => p.id);
  const [counts, mine] = await Promise.all([ctx.repos.practices.answerCounts(communityId, ids), ctx.repos.practices.answersBy(communityId, actor.userId, ids)]);
  return {
    items: answers.items.map((a) => reflectionView(a, postings.get(a.postingId), people, actor)),
    continuationToken: answers.continuationToken,
    postings: recent.map((p) => {
      const answer = mine.get(p.id);
      return postingView(p, counts.get(p.id) ?? 0, answer ? reflectionView(answer, p, people, actor) : null);
    }),
  };
}

/** The library item a promoted answer becomes: derived from the answer, so promoting twice makes one item. */
const promotedIdOf = (answerId: string) => `art-from-${answerId}`;

/**
 * An answer in the library is there under its author's name; its id follows from the
 * answer's, which the feed shows. So it cannot turn anonymous while that item exists (an
 * item written by a promotion that stopped before linking the answer counts too).
 */
async function refuseAnonymousIfPromoted(ctx: CommandContext, answer: PromptAnswer): Promise<void> {
  const linked = answer.promotedArtifactId ?? promotedIdOf(answer.id);
  if (await ctx.repos.artifacts.get(answer.communityId, linked)) {
    throw conflict("This answer is in the library under your name, so it can't become anonymous: anyone could still tell it was yours. Ask a lead to remove that item from the library first, then share your answer without your name.");
  }
}

/** An answer to a posting, from its card or the tab: one per person, answering again replaces it. */
export async function answerPosting(ctx: CommandContext, identity: Identity, communityId: string, postingId: string, input: RespondRequest): Promise<AnswerResponse> {
  const req = parseInput(RespondRequest, input);
  const { actor, member } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "prompt", "answer", undefined, "Sponsors read the reflections; answering is for the managers taking part.");
  const posting = (await ctx.repos.practices.postings.get(communityId, postingId))?.doc;
  if (!posting) throw notFound("That prompt");
  if (posting.kind === "reflective" && !req.happened) throw badRequest("happened: say briefly what happened; what you intended and learned can follow.", "happened");
  if (posting.kind !== "reflective" && !req.answer) throw badRequest("answer: write your answer before sending.", "answer");
  const fields = posting.kind === "reflective" ? { answer: "", happened: req.happened, intended: req.intended, learned: req.learned } : { answer: req.answer, happened: "", intended: "", learned: "" };
  const now = ctx.clock.now().toISOString();
  let saved: PromptAnswer | null = null;
  for (let attempt = 0; attempt < 3 && !saved; attempt++) {
    // The key document (posting + person) names their answer: point reads, no query.
    const current = await ctx.repos.practices.answerOf(communityId, postingId, actor.userId);
    try {
      if (current) {
        if (req.anonymous && !current.doc.anonymous) await refuseAnonymousIfPromoted(ctx, current.doc);
        saved = { ...current.doc, ...fields, anonymous: req.anonymous, updatedAt: now };
        await ctx.repos.practices.answers.replace(saved, current.etag);
      } else {
        saved = { id: `ans-${randomUUID()}`, communityId, tenantId: posting.tenantId, postingId, promptId: posting.promptId, userId: actor.userId, anonymous: req.anonymous, ...fields, createdAt: now, updatedAt: now };
        await ctx.repos.practices.createAnswer(saved);
      }
    } catch (error) {
      // Two submits raced (or a promotion linked it meanwhile): read it again and apply this one on top.
      if (!isAppError(error) || (error.code !== "already_exists" && error.code !== "edit_conflict")) throw error;
      saved = null;
    }
  }
  if (!saved) throw conflict("Your answer was being saved twice at once. Send it again.");
  return { reflection: reflectionView(saved, posting, new Map([[member.userId, member]]), actor) };
}

/**
 * The library item a shared check-in win becomes. Derived from the check-in (session,
 * person, when it was first sent), so promoting it twice makes one item, but hashed: a
 * shared document's id must not carry a person's id (erasure keeps items at their id).
 */
export const winArtifactId = (checkIn: Pick<CheckIn, "sessionId" | "userId" | "submittedAt">) =>
  `art-win-${createHash("sha256").update(JSON.stringify([checkIn.sessionId, checkIn.userId, checkIn.submittedAt])).digest("hex").slice(0, 24)}`;

/**
 * Links an answer to the item made from it. Changed meanwhile, it is read again: turned
 * anonymous, the item (which names its author) is taken back and the promotion refused.
 */
async function linkAnswer(ctx: CommandContext, answer: PromptAnswer, etag: string, artifactId: string): Promise<void> {
  for (let current = { doc: answer, etag }, attempt = 0; ; attempt++) {
    try {
      await ctx.repos.practices.answers.replace({ ...current.doc, promotedArtifactId: artifactId }, current.etag);
      return;
    } catch (error) {
      if (!isAppError(error) || error.code !== "edit_conflict" || attempt >= 2) throw error;
    }
    const again = await ctx.repos.practices.answers.get(answer.communityId, answer.id);
    if (!again) throw notFound("That answer");
    if (again.doc.promotedArtifactId === artifactId) return;
    if (again.doc.anonymous) {
      await ctx.repos.artifacts.withdrawNew(answer.communityId, artifactId);
      throw conflict("Its author has just made this answer anonymous, so it stays in the reflections feed.");
    }
    current = again;
  }
}

/**
 * Turns an answer, or a win someone shared at check-in, into a library item of type
 * reflection, credited to its author and linked to its source. Anonymous answers stay in
 * the feed (the library keeps anonymous items inside a circle, which would hint at the author).
 * The item's id is derived from the source, so promoting twice makes one item; an answer's
 * promotion that stopped between writing the item and linking the answer is finished by
 * the next try.
 */
export async function promote(ctx: CommandContext, identity: Identity, communityId: string, input: PromoteRequest): Promise<PromoteResponse> {
  const req = parseInput(PromoteRequest, input);
  const { actor, community } = await resolveCommunityActor(ctx, identity, communityId);
  authorize(actor, "prompt", "promote", undefined, "Only facilitators and leads add reflections to the library.");
  const today = localDate(ctx.clock.now(), community.timeZone);
  if (req.kind === "response") {
    const found = await ctx.repos.practices.answers.get(communityId, req.responseId);
    if (!found) throw notFound("That answer");
    if (found.doc.promotedArtifactId) throw alreadyExists("A library item from this answer");
    // The library keeps anonymous items inside one peer circle; picking the author's circle would hint at who wrote it.
    if (found.doc.anonymous) throw badRequest("This answer was shared without a name, so it stays in the reflections feed: anonymous library items live inside one peer circle, and choosing that circle would hint at who wrote it.");
    const answer = found.doc;
    const [posting, people] = await Promise.all([ctx.repos.practices.postings.get(communityId, answer.postingId), peopleByIds(ctx, communityId, [answer.userId])]);
    const content: ArtifactContent = {
      title: clip(posting ? `Reflection: ${posting.doc.text}` : "Reflection", 160),
      summary: clip(answer.learned || answer.answer || answer.happened, 500),
      body: "",
      fields: { type: "reflection", whatHappened: clip(answer.happened || answer.answer, 4000), intended: answer.intended, learned: answer.learned },
      priorities: [],
      topics: posting?.doc.value ? [clip(posting.doc.value.toLowerCase(), 40)] : [],
      visibility: "community",
      anonymous: false,
    };
    const id = promotedIdOf(answer.id);
    let artifact: Artifact;
    try {
      artifact = await saveNewArtifact(ctx, actor, content, {
        id,
        source: { kind: "prompt-response", responseId: answer.id, postingId: answer.postingId },
        author: { userId: answer.userId, displayName: personRef(people, answer.userId).displayName },
        community,
      });
    } catch (error) {
      if (!isAppError(error) || error.code !== "already_exists") throw error;
      // An earlier try wrote the item and stopped before linking the answer: link that one.
      const written = await ctx.repos.artifacts.get(communityId, id);
      if (!written) throw error;
      artifact = written.doc;
    }
    await linkAnswer(ctx, answer, found.etag, artifact.id);
    return { artifact: toArtifactView(ctx, artifact, actor, today) };
  }
  const [session, checkIn, people] = await Promise.all([
    ctx.repos.rhythm.getSession(communityId, req.sessionId),
    ctx.repos.rhythm.getCheckIn(communityId, req.sessionId, req.userId),
    peopleByIds(ctx, communityId, [req.userId]),
  ]);
  const c: CheckIn | undefined = checkIn?.doc;
  // A private check-in is for the facilitator's eyes only; it is treated as not there.
  if (!session || !c || c.private) throw notFound("That check-in");
  if (!c.win) throw badRequest("That check-in has no win to add to the library.");
  const date = DateTime.fromISO(session.doc.startsAt, { zone: community.timeZone }).toFormat("d LLLL yyyy");
  const content: ArtifactContent = {
    title: clip(`A win from ${session.doc.title}, ${date}`, 160),
    summary: clip(c.win, 500),
    body: "",
    fields: { type: "reflection", whatHappened: clip(c.win, 4000), intended: "", learned: "" },
    priorities: [],
    topics: ["win"],
    sessionId: session.doc.id,
    visibility: "community",
    anonymous: false,
  };
  const artifact = await saveNewArtifact(ctx, actor, content, {
    id: winArtifactId(c),
    source: { kind: "check-in-win", sessionId: session.doc.id },
    author: { userId: c.userId, displayName: personRef(people, c.userId).displayName },
    community,
  });
  return { artifact: toArtifactView(ctx, artifact, actor, today) };
}
