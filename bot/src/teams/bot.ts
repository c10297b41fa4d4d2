import { ActivityTypes, type TurnContext } from "botbuilder";
import { describeError } from "./adapter";
import {
  onBuddyReflect,
  onCardMalformed,
  onCheckInEdit,
  onCheckInOpen,
  onCheckInRefresh,
  onCheckInSubmit,
  onFeedbackSubmit,
  onFollowUpDone,
  onRsvp,
  onSessionSkip,
  onSwapDecide,
  onSwapRequest,
} from "./handlers/cardActionHandlers";
import { messageAnswer } from "./handlers/cardResponses";
import { type BotDeps, type InvokeHandler, type InvokeResult, type RouteHandler } from "./handlers/deps";
import { onBotAdded, onInstallAdd } from "./handlers/installHandlers";
import { noticeDialog, searchMessage, searchResults } from "./handlers/invokeResponses";
import { onLibrarySearch, onLibraryUnfurl } from "./handlers/libraryHandlers";
import { onMembersAdded } from "./handlers/memberHandlers";
import { onMalformedInvoke, unknownInvoke } from "./handlers/malformedHandler";
import { onHelp, onUnrecognized } from "./handlers/messageHandlers";
import { onPilotReport, onPromptRespond } from "./handlers/practiceCardHandlers";
import { onAgenda, onCheckIn, onNext, onSkip, onSwap, onTasks } from "./handlers/rhythmCommandHandlers";
import { onShareCaseEditPreview, onShareCaseOpen, onShareCaseSendPreview, onShareCaseSubmit } from "./handlers/shareCaseHandlers";
import { type ActivityRouteName, type InvokeRouteName, isInvokeRoute, routeActivity } from "./routes";

/** One handler per route; the type makes a route without a handler a compile error. */
const HANDLERS: Record<ActivityRouteName, RouteHandler> = {
  "install.botAdded": onBotAdded,
  "install.add": onInstallAdd,
  "team.membersAdded": onMembersAdded,
  "command.help": onHelp,
  "command.next": onNext,
  "command.agenda": onAgenda,
  "command.checkIn": onCheckIn,
  "command.tasks": onTasks,
  "command.skip": onSkip,
  "command.swap": onSwap,
  "message.unrecognized": onUnrecognized,
};

/**
 * What Teams is shown when an invoke handler fails or runs out of time, by the kind of
 * answer Teams is waiting for: a dialog, search results, an unfurled link (which then
 * simply stays a link), or a card action (a message beside the card, which stays as it was).
 */
type InvokeKind = "dialog" | "search" | "unfurl" | "card" | "malformed";

const INVOKE_HANDLERS: Record<InvokeRouteName, { handle: InvokeHandler; kind: InvokeKind }> = {
  "extension.shareCase.open": { handle: onShareCaseOpen, kind: "dialog" },
  "extension.shareCase.submit": { handle: onShareCaseSubmit, kind: "dialog" },
  "extension.shareCase.editPreview": { handle: onShareCaseEditPreview, kind: "dialog" },
  "extension.shareCase.sendPreview": { handle: onShareCaseSendPreview, kind: "dialog" },
  "extension.library.search": { handle: onLibrarySearch, kind: "search" },
  "extension.library.unfurl": { handle: onLibraryUnfurl, kind: "unfurl" },
  "extension.malformed": { handle: onMalformedInvoke, kind: "malformed" },
  "card.rsvp": { handle: onRsvp, kind: "card" },
  "card.checkIn.open": { handle: onCheckInOpen, kind: "card" },
  "card.checkIn.edit": { handle: onCheckInEdit, kind: "card" },
  "card.checkIn.submit": { handle: onCheckInSubmit, kind: "card" },
  "card.checkIn.refresh": { handle: onCheckInRefresh, kind: "card" },
  "card.feedback.submit": { handle: onFeedbackSubmit, kind: "card" },
  "card.followUp.done": { handle: onFollowUpDone, kind: "card" },
  "card.swap.request": { handle: onSwapRequest, kind: "card" },
  "card.swap.decide": { handle: onSwapDecide, kind: "card" },
  "card.session.skip": { handle: onSessionSkip, kind: "card" },
  "card.buddy.reflect": { handle: onBuddyReflect, kind: "card" },
  "card.prompt.respond": { handle: onPromptRespond, kind: "card" },
  "card.pilot.report": { handle: onPilotReport, kind: "card" },
  "card.malformed": { handle: onCardMalformed, kind: "card" },
};

/** Teams waits 5 s for an invoke answer; leave room for the network on both sides. */
export const INVOKE_DEADLINE_MS = 4000;

function fallback(kind: InvokeKind, reason: "failed" | "late", deps: BotDeps): InvokeResult {
  const late = reason === "late";
  switch (kind) {
    case "dialog":
      return noticeDialog(
        "Practice Circles",
        late ? "This is taking longer than usual" : "Something went wrong",
        late
          ? "Your request is still being handled. Please check the Circles tab in a minute before trying again, so nothing is shared twice."
          : "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.",
        deps.links,
      );
    case "search":
      return searchMessage(late ? "The library is slow to answer right now. Please try again in a moment." : "Sorry, the library couldn't be searched just now. Please try again in a moment.");
    case "unfurl":
      return searchResults([]);
    case "card":
      return messageAnswer(
        late
          ? "This is taking longer than usual. What you sent may still be saved: check the Sessions tab in a minute before trying again."
          : "Sorry, something went wrong on my side. Please try again in a moment.",
      );
    case "malformed":
      return { status: 400, body: { error: { code: "bad_request", message: "This invoke could not be read." } } };
  }
}

/**
 * Runs an invoke handler and always answers Teams: with the handler's result, or — when
 * it throws or passes the deadline — with a friendly fallback of the kind Teams expects.
 * Never a 500, never botbuilder's 501 for a route we own.
 */
async function answerInvoke(turn: TurnContext, deps: BotDeps, route: InvokeRouteName): Promise<void> {
  const { handle, kind } = INVOKE_HANDLERS[route];
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), deps.invokeDeadlineMs ?? INVOKE_DEADLINE_MS);
  });
  const work = handle(turn, deps);
  let result: InvokeResult;
  try {
    const outcome = await Promise.race([work, deadline]);
    if (outcome === "late") {
      // The work goes on (a save may still land); its late failure is only logged.
      work.catch((error: unknown) => deps.log.error({ event: "invoke_failed_late", route, err: describeError(error) }, "an invoke failed after its answer"));
      deps.log.warn({ event: "invoke_deadline", route, ms: Date.now() - started }, "an invoke ran past its deadline");
      result = fallback(kind, "late", deps);
    } else {
      result = outcome;
    }
  } catch (error) {
    // Kind and error only: what people wrote never reaches the logs.
    deps.log.error({ event: "invoke_failed", route, err: describeError(error) }, "an invoke handler failed");
    result = fallback(kind, "failed", deps);
  } finally {
    clearTimeout(timer);
  }
  await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: result });
}

/**
 * The bot's turn logic: route the activity, run its handler. It only delegates, so what
 * the bot does is read from the route table and the handlers, not from a class hierarchy.
 * An invoke none of ours answers gets a 400 that names the ones we do (never a 501).
 */
export function createBotLogic(deps: BotDeps): (turn: TurnContext) => Promise<void> {
  return async (turn) => {
    const route = routeActivity(turn.activity);
    if (!route) {
      if (turn.activity.type === ActivityTypes.Invoke) await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: unknownInvoke(turn.activity.name) });
      return;
    }
    if (isInvokeRoute(route)) await answerInvoke(turn, deps, route);
    else await HANDLERS[route](turn, deps);
  };
}
