/** The route table: which activity goes to which handler, and what the manifest test sees. */
import { HANDLED_COMMANDS } from "../../bot/src/teams/commandIds";
import { VERBS } from "../../bot/src/teams/cards";
import { CARD_ACTIONS, EXTENSION_COMMANDS, routeActivity, TEXT_COMMANDS } from "../../bot/src/teams/routes";
import { commandTextOf, readTeamsContext } from "../../bot/src/teams/teamsContext";
import { AMARA, BOT, botAdded, fetchTask, groupChat, installationUpdate, invoke, memberAdded, message, messagePayload, personalChat, previewAction, query, queryLink, submitAction, teamChannel } from "./activities";

const url = "https://smba.trafficmanager.net/emea/";
const route = (activity: Record<string, unknown>) => routeActivity(activity);

describe("routeActivity", () => {
  it.each([
    ["the bot added to a team", botAdded(teamChannel(url)), "install.botAdded"],
    ["the bot added to a personal chat", botAdded(personalChat(url)), "install.botAdded"],
    ["someone else added to a team", memberAdded(teamChannel(url)), "team.membersAdded"],
    ["someone else added to a group chat", memberAdded(groupChat(url)), null],
    ["installationUpdate add", installationUpdate(personalChat(url)), "install.add"],
    ["installationUpdate add-upgrade", installationUpdate(personalChat(url), "add-upgrade"), "install.add"],
    ["installationUpdate remove", installationUpdate(personalChat(url), "remove"), null],
    ["help", message(personalChat(url), "help"), "command.help"],
    ["HELP with punctuation", message(personalChat(url), "  HELP! "), "command.help"],
    ["@mention help in a channel", message(teamChannel(url), "help"), "command.help"],
    ["anything else", message(personalChat(url), "help me with a case"), "message.unrecognized"],
    ["an empty message (e.g. a card submit)", message(personalChat(url), ""), "message.unrecognized"],
    ["a card button with a command", { ...message(personalChat(url), ""), value: { command: "help" } }, "command.help"],
    ["a card button with an unknown command", { ...message(personalChat(url), ""), value: { command: "delete-everything" } }, "message.unrecognized"],
    ["a typing indicator", { ...message(personalChat(url), ""), type: "typing" }, null],
    ["an invoke no command of ours answers", invoke(personalChat(url), "composeExtension/selectItem", {}), null],
    ["a card action with a verb we do not have", invoke(personalChat(url), "adaptiveCard/action", { action: { verb: "x" } }), "card.malformed"],
    ["a card action without an action", invoke(personalChat(url), "adaptiveCard/action", {}), "card.malformed"],
    ["next", message(personalChat(url), "next"), "command.next"],
    ["@mention checkin in a channel", message(teamChannel(url), "checkin"), "command.checkIn"],
    ["a card button running agenda", { ...message(personalChat(url), ""), value: { command: "agenda" } }, "command.agenda"],
  ])("%s → %s", (_name, activity, expected) => {
    expect(route(activity)).toBe(expected);
  });
});

describe("routeActivity for card actions (Action.Execute)", () => {
  const press = (verb: string, trigger = "manual") => invoke(personalChat(url), "adaptiveCard/action", { action: { type: "Action.Execute", verb, data: {} }, trigger });
  it.each([
    ["rsvp", "card.rsvp"],
    ["checkin.open", "card.checkIn.open"],
    ["checkin.edit", "card.checkIn.edit"],
    ["checkin.submit", "card.checkIn.submit"],
    ["feedback.submit", "card.feedback.submit"],
    ["followup.done", "card.followUp.done"],
    ["swap.request", "card.swap.request"],
    ["swap.decide", "card.swap.decide"],
    ["session.skip", "card.session.skip"],
    ["buddy.reflect", "card.buddy.reflect"],
    ["prompt.respond", "card.prompt.respond"],
    ["pilot.report", "card.pilot.report"],
    ["toString", "card.malformed"],
  ])("%s → %s", (verb, expected) => {
    expect(route(press(verb))).toBe(expected);
  });

  it("routes the check-in card's automatic refresh by its verb", () => {
    expect(route(press("checkin.refresh", "automatic"))).toBe("card.checkIn.refresh");
  });

  it("has a route for every verb a card can carry", () => {
    expect(Object.keys(CARD_ACTIONS).sort()).toEqual(Object.values(VERBS).sort());
  });
});

describe("routeActivity for messaging extension invokes", () => {
  const where = teamChannel(url);
  it.each([
    ["Share as case opened on a message", fetchTask(where, messagePayload("<p>hi</p>")), "extension.shareCase.open"],
    ["Share as case opened from the compose box", fetchTask(where), "extension.shareCase.open"],
    ["the dialog submitted", submitAction(where, { title: "t" }), "extension.shareCase.submit"],
    ["Edit on the bot message preview", previewAction(where, "edit", {}), "extension.shareCase.editPreview"],
    ["Send on the bot message preview", previewAction(where, "send", {}), "extension.shareCase.sendPreview"],
    ["Find in library, first open", query(where), "extension.library.search"],
    ["Find in library, with words", query(where, "feedback"), "extension.library.search"],
    ["a pasted link", queryLink(where, "https://example.com/x"), "extension.library.unfurl"],
    ["fetchTask without a commandId", invoke(where, "composeExtension/fetchTask", {}), "extension.malformed"],
    ["fetchTask without any value", invoke(where, "composeExtension/fetchTask", undefined), "extension.malformed"],
    ["an unknown commandId", invoke(where, "composeExtension/submitAction", { commandId: "nope" }), "extension.malformed"],
    ["a query to the action command", invoke(where, "composeExtension/query", { commandId: "shareAsCase" }), "extension.malformed"],
    ["a fetchTask to the search command", invoke(where, "composeExtension/fetchTask", { commandId: "findInLibrary" }), "extension.malformed"],
    ["an unknown preview action", invoke(where, "composeExtension/submitAction", { commandId: "shareAsCase", botMessagePreviewAction: "nope" }), "extension.malformed"],
  ])("%s → %s", (_name, activity, expected) => {
    expect(route(activity)).toBe(expected);
  });
});

describe("commandTextOf", () => {
  it("strips the bot's mention even without the mention entity", () => {
    expect(commandTextOf({ type: "message", text: `<at>${BOT.name}</at>&nbsp;help`, recipient: BOT })).toBe("help");
  });

  it("survives a malformed mention entity", () => {
    expect(commandTextOf({ type: "message", text: "help", recipient: BOT, entities: [{ type: "mention" }] })).toBe("help");
  });
});

describe("readTeamsContext", () => {
  it("reads a channel as a team install with its team, tenant and user", () => {
    expect(readTeamsContext(message(teamChannel(url, "19:t@thread.tacv2", "Leaders"), "help"))).toMatchObject({
      scope: "team",
      tenantId: "tenant-contoso",
      team: { id: "19:t@thread.tacv2", name: "Leaders" },
      user: { userId: AMARA.aadObjectId, displayName: AMARA.name, timeZone: "Europe/London" },
    });
  });

  it("drops a user id that is not a usable id", () => {
    const activity: Record<string, unknown> = { ...message(personalChat(url), "help"), from: { id: "29:x", aadObjectId: "not valid/id" } };
    expect(readTeamsContext(activity).user).toBeUndefined();
  });
});

describe("HANDLED_COMMANDS", () => {
  it("is the route table's text commands and extension commands", () => {
    expect(HANDLED_COMMANDS.bot).toEqual(Object.keys(TEXT_COMMANDS));
    expect(HANDLED_COMMANDS.bot).toContain("help");
    expect(HANDLED_COMMANDS.messageExtension).toEqual(Object.keys(EXTENSION_COMMANDS));
    expect([...HANDLED_COMMANDS.messageExtension].sort()).toEqual(["findInLibrary", "shareAsCase"]);
  });
});
