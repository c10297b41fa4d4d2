import { z } from "zod";
import { Id, ROLE_LABELS, type Member } from "../contracts";
import { personalDeliveryTime } from "../domain/reminders";
import { cleanName } from "../domain/text";
import { type CommandContext } from "./context";
import { newcomerOf } from "./charter";
import { UNKNOWN_DEPARTMENT } from "./installationRecorder";
import { type WorkOutcome } from "./rhythmWork";
import { peopleOf } from "./sessionViews";

/** The scheduler's job kind for the welcome card. */
export const ONBOARDING_JOBS = { welcome: "onboarding.welcome" } as const;

/**
 * A member recorded this recently still gets the welcome when the event comes again (the
 * first one may have stopped between recording them and queueing the card); the job's
 * fixed id keeps it to one. Someone who has been a member for longer is not welcomed again.
 */
const WELCOME_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
const FALLBACK_NAME = "New member";

export const NewMembersInput = z.object({
  tenantId: Id,
  teamId: z.string().min(1).max(300),
  /** The team conversation the event came from, and how to reach it again: kept when the community has no usable channel record. */
  conversationId: z.string().min(1).max(1024),
  reference: z.record(z.string(), z.unknown()),
  people: z.array(z.object({ userId: Id, displayName: z.string().max(500).optional() })).max(500),
});
export type NewMembersInput = z.input<typeof NewMembersInput>;

export const welcomeJobId = (communityId: string, userId: string) => `welcome-${communityId}-${userId}`;

/**
 * People joined a team linked to a community: each becomes a member (role member, unless
 * they already are one) and one welcome card is queued for them. A repeated event adds
 * nothing: the member is there and the job's id is taken. Returns how many were new.
 */
export async function welcomeNewMembers(ctx: CommandContext, raw: NewMembersInput): Promise<{ communityId: string | null; added: number }> {
  const input = NewMembersInput.parse(raw);
  const communityId = await ctx.repos.directory.getTeamCommunity(input.tenantId, input.teamId);
  const community = communityId ? (await ctx.repos.communities.get(communityId, communityId))?.doc : undefined;
  if (!communityId || !community) return { communityId: null, added: 0 };

  // The welcome opens a personal chat through the team's service; keep the team's conversation if we have none.
  const channel = await ctx.repos.directory.getCommunityChannel(input.tenantId, communityId);
  if (!channel || channel.goneAt) {
    await ctx.repos.directory.saveConversation({
      tenantId: input.tenantId,
      conversationId: input.conversationId,
      scope: "team",
      teamId: input.teamId,
      communityId,
      reference: input.reference,
      updatedAt: ctx.clock.now().toISOString(),
    });
  }

  let added = 0;
  const now = ctx.clock.now();
  for (const person of input.people) {
    let member = (await ctx.repos.members.get(communityId, person.userId))?.doc;
    if (!member) {
      const saved = await ctx.repos.members.upsert(
        {
          communityId,
          tenantId: input.tenantId,
          userId: person.userId,
          displayName: cleanName(person.displayName, 120) ?? FALLBACK_NAME,
          role: "member",
          department: UNKNOWN_DEPARTMENT,
          timeZone: community.timeZone,
          circleIds: [],
          joinedAt: now.toISOString(),
        },
        community.name,
      );
      member = saved.doc;
      added++;
    }
    if (now.getTime() - Date.parse(member.joinedAt) > WELCOME_WINDOW_MS) continue;
    await ctx.repos.jobs.enqueue({ id: welcomeJobId(communityId, person.userId), tenantId: input.tenantId, kind: ONBOARDING_JOBS.welcome, dueAt: now.toISOString(), payload: { communityId, userId: person.userId } });
  }
  ctx.log.info({ event: "members_joined", communityId, people: input.people.length, added }, "people joined the community's team");
  return { communityId, added };
}

const WelcomeJob = z.object({ communityId: z.string(), userId: z.string() });

/** The scheduler's work for onboarding: the personal welcome card, built from the community as it is when it goes out. */
export function onboardingWork(ctx: CommandContext): Record<string, (job: { id: string; payload: Record<string, unknown> }) => Promise<WorkOutcome>> {
  return {
    [ONBOARDING_JOBS.welcome]: async (job) => {
      const { communityId, userId } = WelcomeJob.parse(job.payload);
      const [found, community] = await Promise.all([ctx.repos.members.get(communityId, userId), ctx.repos.communities.get(communityId, communityId)]);
      // Left again before the card went out, or the community is gone: nothing to say.
      if (!found || !community) return { note: "skipped" };
      const member: Member = found.doc;
      const people = await peopleOf(ctx, communityId);
      const view = await newcomerOf(ctx, community.doc, people);
      const now = ctx.clock.now();
      const at = personalDeliveryTime(now, member.timeZone, member.preferences.quietHours) ?? now;
      return {
        deliveries: [
          {
            id: `${job.id}-deliver`,
            target: { kind: "personal", tenantId: member.tenantId, userId },
            dueAt: at.toISOString(),
            notice: {
              kind: "onboarding.welcome",
              communityId,
              communityName: view.communityName,
              memberName: member.displayName,
              purpose: view.charter.purpose,
              norms: view.charter.norms,
              charterVersion: view.charter.version,
              cadence: view.sessions.cadence,
              series: view.sessions.series.map((s) => ({ title: s.title, when: s.when })),
              starters: view.starters.map((a) => ({ id: a.id, title: a.title, type: a.type, link: ctx.links.artifact(communityId, a.id) })),
              contacts: view.contacts.map((c) => ({ displayName: c.displayName, role: ROLE_LABELS[c.role], department: c.department })),
            },
          },
        ],
      };
    },
  };
}
