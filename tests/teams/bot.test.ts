/**
 * The bot end to end over HTTP: Teams-shaped activities in, what the bot sent to the
 * (recording) connector and what landed in the real store out.
 */
import { communityIdForTeam } from "../../bot/src/commands/installationRecorder";
import { APOLOGY_TEXT } from "../../bot/src/teams";
import { AMARA, JONAS, TENANT, botAdded, groupChat, installationUpdate, memberAdded, message, personalChat, teamChannel } from "./activities";
import { type BotHarness, cardOf, startBotHarness } from "./harness";

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.connector.reset());

async function postOk(activity: Record<string, unknown>): Promise<void> {
  const res = await h.post(activity);
  expect(res.status).toBe(200);
}

const textsOf = (card: Record<string, unknown> | undefined): string => JSON.stringify(card ?? {});

describe("installing in a team", () => {
  const teamId = "19:ops-leaders@thread.tacv2";

  it("welcomes once, links the team to a new community with the installer as lead, and stores the reference", async () => {
    const where = teamChannel(h.connector.serviceUrl, teamId, "Operations Leaders");
    // Teams sends both events for one install.
    await postOk(botAdded(where));
    await postOk(installationUpdate(where));

    expect(h.connector.activities).toHaveLength(1);
    const [welcome] = h.connector.activities;
    expect(welcome?.conversationId).toBe(teamId);
    // A new post in the channel, not a reply to the install event.
    expect(welcome).toMatchObject({ method: "POST", targetActivityId: undefined });
    const card = cardOf(welcome!.activity);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(textsOf(card)).toContain("Operations Leaders");

    const communityId = await h.repos.directory.getTeamCommunity(TENANT, teamId);
    expect(communityId).toBe(communityIdForTeam(TENANT, teamId));
    const community = await h.repos.communities.get(communityId!, communityId!);
    expect(community?.doc).toMatchObject({ name: "Operations Leaders", tenantId: TENANT, teamId, timeZone: "UTC" });

    const lead = await h.repos.members.get(communityId!, AMARA.aadObjectId);
    expect(lead?.doc).toMatchObject({ role: "lead", displayName: AMARA.name });
    expect(await h.repos.directory.getMemberships(TENANT, AMARA.aadObjectId)).toEqual([{ communityId, communityName: "Operations Leaders", role: "lead" }]);

    const conversation = await h.repos.directory.getConversation(TENANT, teamId);
    expect(conversation).toMatchObject({ scope: "team", teamId, communityId, tenantId: TENANT });
    expect(conversation?.reference).toMatchObject({ channelId: "msteams", serviceUrl: h.connector.serviceUrl, conversation: { id: teamId } });
    expect(conversation?.reference).not.toHaveProperty("activityId");
  });

  it("does not create a second community when the install events come again, even at once", async () => {
    const where = teamChannel(h.connector.serviceUrl, "19:racing-team@thread.tacv2", "Racing Team");
    const statuses = await Promise.all([h.post(botAdded(where)), h.post(installationUpdate(where)), h.post(installationUpdate(where, "add-upgrade"))]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    await postOk(botAdded(where, JONAS));

    const communityId = communityIdForTeam(TENANT, "19:racing-team@thread.tacv2");
    const members = await h.repos.members.list(communityId);
    expect(members.map((m) => [m.userId, m.role])).toEqual([[AMARA.aadObjectId, "lead"]]);
    const found = await h.repos.store.container("communities").queryAll<{ id: string }>(communityId, {
      query: "SELECT c.id FROM c WHERE c.type = 'community'",
    });
    expect(found).toHaveLength(1);
    // The reinstall still greets, now as an existing community.
    expect(h.connector.activities).toHaveLength(2);
    expect(textsOf(cardOf(h.connector.activities[1]!.activity))).toContain("linked to");
  });

  it("links to the community a team already has instead of creating one", async () => {
    const teamId2 = "19:already-linked@thread.tacv2";
    await h.repos.directory.linkTeam(TENANT, teamId2, "com-existing");
    await h.repos.communities.create({
      id: "com-existing",
      tenantId: TENANT,
      name: "Existing Circle",
      purpose: "",
      culturalPriorities: [],
      values: [],
      timeZone: "Europe/Berlin",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
    await postOk(botAdded(teamChannel(h.connector.serviceUrl, teamId2, "Renamed Team")));
    expect(await h.repos.directory.getTeamCommunity(TENANT, teamId2)).toBe("com-existing");
    expect(await h.repos.communities.get(communityIdForTeam(TENANT, teamId2), communityIdForTeam(TENANT, teamId2))).toBeNull();
    expect(textsOf(cardOf(h.connector.activities[0]!.activity))).toContain("Existing Circle");
  });

  it("ignores other people joining", async () => {
    await postOk(memberAdded(teamChannel(h.connector.serviceUrl, teamId, "Operations Leaders")));
    expect(h.connector.activities).toHaveLength(0);
  });
});

describe("installing in chats", () => {
  it("welcomes a person in their personal chat and stores the reference under their user id", async () => {
    const where = personalChat(h.connector.serviceUrl, JONAS);
    await postOk(botAdded(where, JONAS));
    await postOk(installationUpdate(where, "add", JONAS));

    expect(h.connector.activities).toHaveLength(1);
    expect(h.connector.activities[0]?.conversationId).toBe(where.conversationId);
    expect(cardOf(h.connector.activities[0]!.activity)).toMatchObject({ version: "1.5" });

    const personal = await h.repos.directory.getPersonalConversation(TENANT, JONAS.aadObjectId);
    expect(personal).toMatchObject({ scope: "personal", conversationId: where.conversationId, userId: JONAS.aadObjectId });
    expect(personal?.reference).toMatchObject({ user: { id: JONAS.id }, conversation: { id: where.conversationId } });
    // No community is created outside a team.
    expect(personal?.communityId).toBeUndefined();
  });

  it("welcomes a group chat and stores its reference", async () => {
    const where = groupChat(h.connector.serviceUrl);
    await postOk(botAdded(where));
    expect(h.connector.activities).toHaveLength(1);
    expect(await h.repos.directory.getConversation(TENANT, where.conversationId)).toMatchObject({ scope: "groupChat" });
  });
});

describe("messages", () => {
  it("answers help with the help card, also after an @mention in a channel", async () => {
    await postOk(message(personalChat(h.connector.serviceUrl), "Help"));
    await postOk(message(teamChannel(h.connector.serviceUrl), "help"));
    expect(h.connector.activities).toHaveLength(2);
    for (const sent of h.connector.activities) {
      const attachments = sent.activity.attachments as { contentType: string }[];
      expect(attachments).toHaveLength(1);
      expect(attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
      const card = cardOf(sent.activity);
      expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
      expect((card?.body as unknown[])[0]).toMatchObject({ type: "TextBlock", text: "What I can do" });
    }
    // A reply to the message it answers.
    const asked = h.connector.activities[0]!;
    expect(asked.targetActivityId).toBeDefined();
  });

  it("answers anything else with a hint pointing at help", async () => {
    await postOk(message(personalChat(h.connector.serviceUrl), "what's on this week?"));
    const card = cardOf(h.connector.activities[0]!.activity);
    expect(card).toMatchObject({ version: "1.5" });
    expect(card?.actions).toEqual([expect.objectContaining({ type: "Action.Submit", data: { command: "help" } })]);
    expect(textsOf(card)).not.toContain("What I can do");
  });

  it("runs a card button's command (Action.Submit arrives as a message with a value and no text)", async () => {
    await postOk(message(personalChat(h.connector.serviceUrl), "hmm"));
    const hint = cardOf(h.connector.activities[0]!.activity);
    const button = (hint?.actions as { data: unknown }[])[0]!;
    h.connector.reset();
    const { text: _text, ...submit } = message(personalChat(h.connector.serviceUrl), "", AMARA, { mention: false });
    await postOk({ ...submit, value: button.data });
    expect((cardOf(h.connector.activities[0]!.activity)?.body as unknown[])[0]).toMatchObject({ text: "What I can do" });
  });
});

describe("when a turn fails", () => {
  it("apologises, logs without user text, and keeps serving", async () => {
    const secret = "my report Bob keeps missing deadlines";
    h.connector.failNext({ status: 400 });
    await postOk(message(personalChat(h.connector.serviceUrl), secret));

    expect(h.connector.activities).toHaveLength(1);
    expect(h.connector.activities[0]?.activity.text).toBe(APOLOGY_TEXT);
    const failures = h.log.entries.filter((e) => e.level === "error");
    expect(failures.length).toBeGreaterThan(0);
    expect(h.log.text()).not.toContain("Bob");
    expect(h.log.text()).not.toContain(AMARA.name);

    h.connector.reset();
    await postOk(message(personalChat(h.connector.serviceUrl), "help"));
    expect(h.connector.activities).toHaveLength(1);
  });
});
