import { type TurnContext } from "botbuilder";
import { listFollowUps } from "../../commands/followUps";
import { readRota } from "../../commands/rota";
import { checkInCardState, nextSession, readSession } from "../../commands/sessionReader";
import { briefOf } from "../../commands/sessionViews";
import { type SessionView } from "../../contracts";
import {
  agendaCard,
  checkInCard,
  checkInInviteCard,
  itemOf,
  nextSessionCard,
  noSessionCard,
  noticeCard,
  plain,
  skipConfirmCard,
  swapPickerCard,
  tasksCard,
  type AdaptiveCard,
} from "../cards";
import { readTeamsContext } from "../teamsContext";
import { type BotDeps, type RouteHandler } from "./deps";
import { actorMriOf, type CommandReader, displayFor, orRefusal, readerOf } from "./rhythmHelpers";
import { replyWithCard } from "./reply";

/**
 * The rhythm's text commands: who is asking and where → one command → one card. A
 * refusal from a command (not a member any more, not allowed) is its own sentence on a card.
 */

const isPersonal = (turn: TurnContext) => readTeamsContext(turn.activity).scope === "personal";

const refusedCard = (deps: BotDeps) => (message: string) => noticeCard("Sessions", message, deps.links);

/** Runs a command for the reader and replies with the card it leads to. */
async function answer(turn: TurnContext, deps: BotDeps, work: (reader: CommandReader) => Promise<AdaptiveCard>): Promise<void> {
  const reader = await readerOf(turn, deps);
  if (!reader) return;
  await replyWithCard(turn, await orRefusal(work(reader), refusedCard(deps)));
}

/** The next session for the reader, or the card saying none is planned. */
async function withNext(deps: BotDeps, reader: CommandReader, then: (view: SessionView) => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
  const view = await nextSession(deps.ctx, reader.identity, reader.community.id);
  return view ? then(view) : noSessionCard(reader.community.name, deps.links);
}

/** `next`: when, who facilitates, and Going / Can't make it. */
export const onNext: RouteHandler = (turn, deps) =>
  answer(turn, deps, (reader) =>
    withNext(deps, reader, async (view) => {
      const personal = isPersonal(turn);
      return nextSessionCard({
        session: briefOf(view, reader.community.name),
        display: await displayFor(turn, deps, reader.identity, reader.community.id),
        // Where others read along, the reply shows no one's own answer.
        myRsvp: personal ? view.rsvp.mine : null,
        rsvp: view.rsvp,
        links: deps.links,
      });
    }),
  );

/**
 * `agenda`: the next session's plan. Queued cases are named only in a personal chat: the
 * reader may see a peer circle's case that others in a channel may not.
 */
export const onAgenda: RouteHandler = (turn, deps) =>
  answer(turn, deps, (reader) =>
    withNext(deps, reader, async (view) => {
      const personal = isPersonal(turn);
      const link = deps.links.artifact;
      return agendaCard({
        session: briefOf(view, reader.community.name),
        display: await displayFor(turn, deps, reader.identity, reader.community.id),
        queuedCases: personal ? view.queuedCases : [],
        hiddenQueuedCases: personal ? view.hiddenQueuedCases : 0,
        queuedCaseCount: personal ? undefined : view.queuedCases.length + view.hiddenQueuedCases,
        artifactLink: link ? (id) => link(reader.community.id, id) : undefined,
        links: deps.links,
      });
    }),
  );

/**
 * `checkin`: the check-in card for the next session, here. In a personal chat it is the
 * reader's own view; where others read along, it shows only the count and a Check in
 * button, and Teams refreshes it into the asker's own view.
 */
export const onCheckIn: RouteHandler = (turn, deps) =>
  answer(turn, deps, (reader) =>
    withNext(deps, reader, async (view) => {
      const state = await checkInCardState(deps.ctx, reader.identity, reader.community.id, view.id);
      const mri = actorMriOf(turn);
      const userIds = mri ? [mri] : [];
      if (!isPersonal(turn)) return checkInInviteCard(state, { display: "device", userIds });
      return checkInCard(state, { display: await displayFor(turn, deps, reader.identity, reader.community.id, state.readerTimeZone), userIds });
    }),
  );

/** `tasks`: my open follow-ups, each with Mark done. */
export const onTasks: RouteHandler = (turn, deps) =>
  answer(turn, deps, async (reader) => {
    const { items } = await listFollowUps(deps.ctx, reader.identity, reader.community.id, { status: "open" });
    const mine = items.filter((f) => f.ownerId === reader.identity.userId);
    return tasksCard({ items: mine.map(itemOf), communityName: reader.community.name, links: deps.links });
  });

/**
 * `skip`: for the session's facilitator, facilitators and leads, a card to confirm
 * skipping the next session; anyone else is told who can.
 */
export const onSkip: RouteHandler = (turn, deps) =>
  answer(turn, deps, (reader) =>
    withNext(deps, reader, async (view) => {
      if (!view.canManage) {
        const who = view.facilitator ? `${plain(view.facilitator.displayName) || "its facilitator"} (who facilitates it) or a lead` : "a facilitator or a lead";
        return noticeCard("Only facilitators and leads can skip a session", `Skipping changes everyone's plans, so it's up to the session's facilitator, facilitators and leads. If this one should not take place, ask ${who}.`, deps.links);
      }
      return skipConfirmCard({ session: briefOf(view, reader.community.name), display: await displayFor(turn, deps, reader.identity, reader.community.id) });
    }),
  );

/**
 * `swap`: for someone down to facilitate, a card to ask a willing member (not away on the
 * day) to take their next turn.
 */
export const onSwap: RouteHandler = (turn, deps) =>
  answer(turn, deps, async (reader) => {
    const { identity, community } = reader;
    const rota = await readRota(deps.ctx, identity, community.id);
    const mine = rota.upcoming.find((s) => s.status === "scheduled" && s.facilitator?.userId === identity.userId);
    if (!mine) {
      return noticeCard("You're not facilitating an upcoming session", "When it's your turn to facilitate, type swap to ask someone to take it. The rota is in the Sessions tab.", deps.links);
    }
    const day = mine.startsAt.slice(0, 10);
    const candidates = rota.members.filter((m) => m.userId !== identity.userId && m.willing && m.role !== "sponsor" && !(m.awayUntil && m.awayUntil >= day));
    const view = await readSession(deps.ctx, identity, community.id, mine.sessionId);
    return swapPickerCard({
      session: briefOf(view, community.name),
      display: await displayFor(turn, deps, identity, community.id),
      candidates: candidates.map((m) => ({ userId: m.userId, displayName: m.displayName })),
    });
  });
