/**
 * The messaging extension end to end over HTTP: Teams-shaped invokes posted to
 * /api/messages, answered from the real store (demo community seeded), with what the bot
 * posted recorded by the stand-in connector.
 */
import { listArtifacts } from "../../bot/src/commands/artifactLister";
import { shareCase } from "../../bot/src/commands/caseSharer";
import { ArtifactListQuery, VISIBILITY_LABELS } from "../../bot/src/contracts";
import { type Identity } from "../../bot/src/policies";
import {
  AMARA,
  type Activity,
  DEMO_TENANT,
  demoChannel,
  demoGroupChat,
  demoPersonal,
  FATIMA,
  fetchTask,
  invoke,
  JONAS,
  messagePayload,
  previewAction,
  PRIYA,
  query,
  queryLink,
  STRANGER,
  submitAction,
} from "./activities";
import { type BotHarness, type InvokeAnswer, startBotHarness } from "./harness";

const COMMUNITY = "com-demo";
const ADAPTIVE = "application/vnd.microsoft.card.adaptive";

let h: BotHarness;

const identity = (who: { aadObjectId: string; name: string }): Identity => ({ tenantId: DEMO_TENANT, userId: who.aadObjectId, displayName: who.name });

beforeAll(async () => {
  h = await startBotHarness({ seedDemo: true });
  const at = "2026-01-01T00:00:00.000Z";
  // Someone in the community but in no peer circle, and a second community Priya also belongs to.
  await h.repos.members.upsert(
    { communityId: COMMUNITY, tenantId: DEMO_TENANT, userId: "aad-user-newcomer", displayName: "Nia Newcomer", role: "member", department: "Sales", timeZone: "Europe/London", circleIds: [], joinedAt: at },
    "Harbour Managers' Circle",
  );
  await h.repos.communities.create({
    id: "com-second",
    tenantId: DEMO_TENANT,
    name: "New Managers' Guild",
    purpose: "",
    culturalPriorities: [{ id: "coaching", label: "Coaching conversations" }],
    values: [],
    timeZone: "Europe/London",
    createdAt: at,
    updatedAt: at,
  });
  await h.repos.members.upsert(
    { communityId: "com-second", tenantId: DEMO_TENANT, userId: PRIYA.aadObjectId, displayName: PRIYA.name, role: "member", department: "Customer Success", timeZone: "Asia/Kolkata", circleIds: [], joinedAt: at },
    "New Managers' Guild",
  );
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.connector.reset());

/** Posts an invoke and checks what every invoke must be: answered, and not a server error. (Speed is measured by `npm run bench`, not here.) */
async function send(activity: Activity, status = 200): Promise<InvokeAnswer> {
  const answer = await h.invoke(activity);
  expect(answer.status).toBe(status);
  return answer;
}

type Json = Record<string, unknown>;

/** The card inside a task/continue answer. */
function dialogCard(answer: InvokeAnswer): Json {
  expect(answer.body.task.type).toBe("continue");
  const card = answer.body.task.value.card;
  expect(card.contentType).toBe(ADAPTIVE);
  expect(card.content).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
  return card.content as Json;
}

/** Every element of a card body, nested containers included, in order. */
function elements(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (items: unknown) => {
    for (const item of (items as Json[] | undefined) ?? []) {
      out.push(item);
      walk(item.items);
    }
  };
  walk(card.body);
  return out;
}

const input = (card: Json, id: string) => elements(card).find((e) => e.id === id);
/** The red message placed right after an input. */
function errorBeside(card: Json, id: string): string | undefined {
  const list = elements(card);
  const at = list.findIndex((e) => e.id === id);
  const next = list[at + 1];
  return next && next.id === `${id}-error` && next.color === "attention" ? String(next.text) : undefined;
}
const submitData = (card: Json) => ((card.actions as Json[])[0]!.data ?? {}) as Record<string, string>;

/** What a person fills in: the dialog's submitted values with its hidden data, like Teams merges them. */
function filled(card: Json, changes: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = { ...submitData(card) };
  for (const e of elements(card)) if (typeof e.id === "string" && String(e.type).startsWith("Input.")) values[e.id] = String(e.value ?? "");
  return { ...values, ...changes };
}

const GOOD_CASE = {
  title: "Two leads disagree in public",
  situation: "Two of my team leads argued in the weekly stand-up and the team went silent.",
  question: "How do I reset the tone without taking sides?",
  priority: "psychological-safety",
  visibility: "community",
  anonymous: "false",
};

async function openDialog(who = AMARA, where = demoChannel(h.connector.serviceUrl), payload?: Json): Promise<Json> {
  return dialogCard(await send(fetchTask(where, payload, who)));
}

/** Shares a case through the dialog and returns the preview answer. */
async function shareThroughDialog(changes: Record<string, string>, who = AMARA): Promise<InvokeAnswer> {
  const where = demoChannel(h.connector.serviceUrl);
  const card = await openDialog(who, where, messagePayload("<p>Something happened</p>"));
  return send(submitAction(where, filled(card, { ...GOOD_CASE, ...changes }), who));
}

function previewCard(answer: InvokeAnswer): Json {
  expect(answer.body.composeExtension.type).toBe("botMessagePreview");
  const preview = answer.body.composeExtension.activityPreview;
  expect(preview.type).toBe("message");
  expect(preview.attachments).toHaveLength(1);
  expect(preview.attachments[0].contentType).toBe(ADAPTIVE);
  return preview.attachments[0].content as Json;
}

const openLink = (card: Json) => String((card.actions as Json[]).find((a) => a.title === "Open in Circles" || a.title === "Open")?.url);

describe("Share as case: the dialog", () => {
  it("is prefilled from a message's HTML: mentions, emoji, code, a table, entities and any script", async () => {
    const html = [
      '<p>Hi <at id="0">Jonas</at>&nbsp;<at id="1">Weber</at>, can we talk about Friday? <emoji id="1f642_slightlysmilingface" alt="🙂" title="Slightly smiling face"></emoji></p>',
      "<p>The deploy script <code>npm run release -- --force</code> broke &amp; the team waited &gt; 2 hours.</p>",
      "<pre>if (late &lt; 3) {\n  escalate();\n}</pre>",
      "<table><tr><th>Who</th><th>When</th></tr><tr><td>Aiko</td><td>金曜日の会議</td></tr><tr><td>Fatima</td><td>اجتماع الجمعة</td></tr></table>",
      "<p>Ça m&#39;inquiète &#x1F61F;</p>",
    ].join("");
    const payload = messagePayload(html, {
      mentions: [
        { id: 0, mentionText: "Jonas", mentioned: { user: { id: JONAS.aadObjectId, displayName: "Jonas Weber", userIdentityType: "aadUser" } } },
        { id: 1, mentionText: "Weber", mentioned: { user: { id: JONAS.aadObjectId, displayName: "Jonas Weber", userIdentityType: "aadUser" } } },
      ],
    });
    const card = await openDialog(AMARA, demoChannel(h.connector.serviceUrl), payload);

    const situation = String(input(card, "situation")?.value);
    expect(situation).toBe(
      [
        "Hi Jonas Weber, can we talk about Friday? 🙂",
        "The deploy script npm run release -- --force broke & the team waited > 2 hours.",
        "if (late < 3) {",
        "  escalate();",
        "}",
        "Who | When",
        "Aiko | 金曜日の会議",
        "Fatima | اجتماع الجمعة",
        "Ça m'inquiète 😟",
      ].join("\n"),
    );
    expect(situation).not.toMatch(/<[a-z/]/i);
    expect(input(card, "title")?.value).toBe("Hi Jonas Weber, can we talk about Friday? 🙂");
    expect(input(card, "question")).toMatchObject({ type: "Input.Text", value: "", isMultiline: true });
    // The original message travels as hidden data, with the community of the current team.
    expect(submitData(card)).toEqual({ communityId: COMMUNITY, circleId: "circle-harbour", messageLink: payload.linkToMessage });
    expect(input(card, "priority")).toMatchObject({
      type: "Input.ChoiceSet",
      choices: [
        { title: "Psychological safety", value: "psychological-safety" },
        { title: "Inclusive decisions", value: "inclusive-decisions" },
        { title: "Accountability", value: "accountability" },
        { title: "Feedback", value: "feedback" },
      ],
    });
    expect(input(card, "visibility")).toMatchObject({
      value: "community",
      choices: [
        { title: VISIBILITY_LABELS.community, value: "community" },
        { title: VISIBILITY_LABELS.circle, value: "circle" },
        { title: VISIBILITY_LABELS.private, value: "private" },
      ],
    });
    expect(input(card, "anonymous")).toMatchObject({ type: "Input.Toggle", value: "false", valueOn: "true", valueOff: "false" });
    // One community: no picker.
    expect(input(card, "communityId")).toBeUndefined();
  });

  it("fits a 20,000-character message into the situation field, marked with …", async () => {
    const long = `<p>${"We keep missing the handover between shifts and nobody owns it. ".repeat(320)}</p>`;
    expect(long.length).toBeGreaterThan(20_000);
    const card = await openDialog(AMARA, demoChannel(h.connector.serviceUrl), messagePayload(long));
    const situation = String(input(card, "situation")?.value);
    expect(situation.length).toBeLessThanOrEqual(4000);
    expect(situation.length).toBeGreaterThan(3900);
    expect(situation.endsWith("…")).toBe(true);
    expect(String(input(card, "title")?.value).length).toBeLessThanOrEqual(80);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28_000);
  });

  it("keeps a plain-text message as written", async () => {
    const card = await openDialog(AMARA, demoChannel(h.connector.serviceUrl), messagePayload("第一行\nسطر ثان <not a tag>", { contentType: "text" }));
    expect(input(card, "situation")?.value).toBe("第一行\nسطر ثان <not a tag>");
    expect(input(card, "title")?.value).toBe("第一行");
  });

  it("opens empty from the compose box, where there is no message", async () => {
    const card = await openDialog(AMARA, demoGroupChat(h.connector.serviceUrl));
    expect(input(card, "situation")?.value).toBe("");
    expect(input(card, "title")?.value).toBe("");
    expect(submitData(card)).toEqual({ communityId: COMMUNITY, circleId: "circle-harbour" });
  });

  it("lets someone in several communities choose, starting with the current team's", async () => {
    const card = await openDialog(PRIYA, demoChannel(h.connector.serviceUrl), messagePayload("<p>Hello</p>"));
    expect(input(card, "communityId")).toMatchObject({
      type: "Input.ChoiceSet",
      value: COMMUNITY,
      choices: expect.arrayContaining([
        { title: "Harbour Managers' Circle", value: COMMUNITY },
        { title: "New Managers' Guild", value: "com-second" },
      ]),
    });
    expect(submitData(card).communityId).toBeUndefined();
  });

  it("tells someone outside every community how to join", async () => {
    const answer = await send(fetchTask(demoChannel(h.connector.serviceUrl), messagePayload("<p>Hi</p>"), STRANGER));
    const card = dialogCard(answer);
    expect(JSON.stringify(card)).toContain("Join a community first");
    expect(JSON.stringify(card)).toContain("Ask a community lead to add you");
    expect(elements(card).some((e) => String(e.type).startsWith("Input."))).toBe(false);
  });

  it("answers kindly when Teams leaves out the user's Entra id or the tenant", async () => {
    const where = demoChannel(h.connector.serviceUrl);
    const noUser = fetchTask(where, undefined, { ...AMARA, aadObjectId: undefined as unknown as string });
    expect(JSON.stringify(dialogCard(await send(noUser)))).toContain("couldn't tell who you are");

    const noTenant = fetchTask(where);
    noTenant.channelData = { source: { name: "compose" } };
    noTenant.conversation = { ...(noTenant.conversation as Json), tenantId: undefined };
    expect(JSON.stringify(dialogCard(await send(noTenant)))).toContain("couldn't tell who you are");
  });
});

describe("Share as case: submitting", () => {
  it("saves a good case and shows it as a bot message preview", async () => {
    const link = "https://teams.microsoft.com/l/message/19:demo-harbour-managers@thread.tacv2/1700000000001";
    const where = demoChannel(h.connector.serviceUrl);
    const card = await openDialog(AMARA, where, messagePayload("<p>Two leads argued</p>", { linkToMessage: link }));
    const answer = await send(submitAction(where, filled(card, GOOD_CASE)));

    const preview = previewCard(answer);
    const text = JSON.stringify(preview);
    expect(preview).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(text).toContain(GOOD_CASE.title);
    expect(text).toContain(GOOD_CASE.situation);
    expect(text).toContain(GOOD_CASE.question);
    expect(text).toContain("Psychological safety");
    expect(text).toContain("Shared by Amara Okafor");
    expect(preview.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open in Circles", url: expect.any(String) },
      { type: "Action.OpenUrl", title: "View original message", url: link },
    ]);

    // It is in the library, as a case with its source message.
    const target = h.ctx.links.parseArtifact(openLink(preview));
    expect(target?.communityId).toBe(COMMUNITY);
    const listed = await listArtifacts(h.ctx, identity(JONAS), COMMUNITY, ArtifactListQuery.parse({ q: "leads disagree public", limit: 10 }));
    expect(listed.items.map((i) => i.id)).toContain(target?.artifactId);
    const saved = listed.items.find((i) => i.id === target?.artifactId);
    expect(saved).toMatchObject({ type: "case-summary", title: GOOD_CASE.title, priorities: ["psychological-safety"], visibility: "community", anonymous: false, source: { kind: "teams-message", messageLink: link } });
  });

  it.each([
    ["an empty title", { title: "   " }, "title", "Give your case a short title."],
    ["an empty question", { question: "" }, "question", "Ask the group one question"],
    ["a title that is too long", { title: "x".repeat(161) }, "title", "at most 160 characters"],
    ["an unknown priority", { priority: "made-up-priority" }, "priority", "Choose one of your community's priorities"],
    ["an unknown visibility", { visibility: "everyone" }, "visibility", "Choose who can see your case."],
  ])("sends the same dialog back for %s, with the message beside the field and the values kept", async (_name, change, field, message) => {
    const answer = await shareThroughDialog(change);
    const card = dialogCard(answer);
    expect(errorBeside(card, field)).toContain(message);
    expect(input(card, "situation")?.value).toBe(GOOD_CASE.situation);
    if (field !== "question") expect(input(card, "question")?.value).toBe(GOOD_CASE.question);
    if (field !== "title") expect(input(card, "title")?.value).toBe(GOOD_CASE.title);
    // The hidden data survives too, so the next submit still has its community and message link.
    expect(submitData(card)).toMatchObject({ communityId: COMMUNITY, messageLink: expect.stringContaining("teams.microsoft.com") });
  });

  it("explains beside 'Who can see it' when someone in no peer circle keeps a case to a circle", async () => {
    const newcomer = { id: "29:newcomer", name: "Nia Newcomer", aadObjectId: "aad-user-newcomer" };
    const answer = await shareThroughDialog({ visibility: "circle" }, newcomer);
    const card = dialogCard(answer);
    expect(errorBeside(card, "visibility")).toContain("not in a peer circle");
    expect(input(card, "visibility")?.value).toBe("circle");
    expect(input(card, "title")?.value).toBe(GOOD_CASE.title);
  });

  it("shares with a peer circle for someone in one", async () => {
    const preview = previewCard(await shareThroughDialog({ visibility: "circle", title: "Circle-only case" }));
    // Everyone in the chat sees the posted card: a circle's case shows no content there.
    expect(JSON.stringify(preview)).not.toContain("Circle-only case");
    expect(JSON.stringify(preview)).toContain("peer circle");
    const target = h.ctx.links.parseArtifact(openLink(preview))!;
    const forJonas = await listArtifacts(h.ctx, identity(JONAS), COMMUNITY, ArtifactListQuery.parse({ q: "circle-only", limit: 10 }));
    expect(forJonas.items.map((i) => i.id)).toContain(target.artifactId);
    const forFatima = await listArtifacts(h.ctx, identity(FATIMA), COMMUNITY, ArtifactListQuery.parse({ q: "circle-only", limit: 10 }));
    expect(forFatima.items).toEqual([]);
  });

  it("names no author anywhere when the case is shared anonymously: preview, search result and posted card", async () => {
    const title = "Anonymous worry about a reorg";
    const answer = await shareThroughDialog({ title, anonymous: "true", visibility: "circle" });
    const preview = previewCard(answer);
    const everything = JSON.stringify(answer.body);
    expect(everything).toContain("A confidential case"); // the preview is what the chat will see
    for (const leak of [AMARA.name, "Amara", AMARA.aadObjectId, AMARA.id]) expect(everything).not.toContain(leak);

    const found = await send(query(demoChannel(h.connector.serviceUrl), "anonymous worry reorg", JONAS));
    const result = found.body.composeExtension.attachments.find((a: Json) => JSON.stringify(a).includes(title));
    expect(result).toBeDefined();
    expect(JSON.stringify(result)).toContain("Only members of its peer circle can open it."); // inserted into any chat, it shows no words
    for (const leak of ["Amara", AMARA.aadObjectId]) expect(JSON.stringify(found.body)).not.toContain(leak);

    await send(previewAction(demoChannel(h.connector.serviceUrl), "send", answer.body.composeExtension.activityPreview));
    const [posted] = await h.connector.waitForActivities(1);
    // Anonymous shares are circle-only: the channel sees that a confidential case exists, not its words.
    expect(JSON.stringify(posted!.activity)).not.toContain(title);
    for (const leak of ["Amara", AMARA.aadObjectId, AMARA.id]) expect(JSON.stringify(posted!.activity)).not.toContain(leak);
    expect(posted!.activity.channelData).toBeUndefined();
    expect(openLink(preview)).toBe(openLink((posted!.activity.attachments as Json[])[0]!.content as Json));
  });

  it("keeps an anonymous share inside the circle, saying so beside the field", async () => {
    const card = dialogCard(await shareThroughDialog({ title: "Anonymous and loud", anonymous: "true", visibility: "community" }));
    expect(errorBeside(card, "visibility")).toMatch(/peer circle/);
  });

  it("refuses a data payload it cannot read with a clear 400", async () => {
    const answer = await send(submitAction(demoChannel(h.connector.serviceUrl), { ...GOOD_CASE, title: { nested: true } }), 400);
    expect(answer.body.error.message).toContain("value.data.title");
  });
});

describe("Share as case: the preview's Edit and Send", () => {
  it("Edit reopens the saved case, and saving updates it instead of sharing a second one", async () => {
    const where = demoChannel(h.connector.serviceUrl);
    const first = await shareThroughDialog({ title: "Edit me: rota clash" });
    const target = h.ctx.links.parseArtifact(openLink(previewCard(first)))!;

    const edit = dialogCard(await send(previewAction(where, "edit", first.body.composeExtension.activityPreview)));
    expect(input(edit, "title")?.value).toBe("Edit me: rota clash");
    expect(input(edit, "situation")?.value).toBe(GOOD_CASE.situation);
    expect(input(edit, "priority")?.value).toBe("psychological-safety");
    expect(submitData(edit)).toMatchObject({ artifactId: target.artifactId, baseVersion: "1", communityId: COMMUNITY });

    const saved = await send(submitAction(where, filled(edit, { title: "Edited: rota clash", question: "Who should own the rota?" })));
    const updated = previewCard(saved);
    expect(JSON.stringify(updated)).toContain("Edited: rota clash");
    expect(h.ctx.links.parseArtifact(openLink(updated))).toEqual(target);

    const listed = await listArtifacts(h.ctx, identity(AMARA), COMMUNITY, ArtifactListQuery.parse({ q: "rota clash", limit: 10 }));
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: target.artifactId, title: "Edited: rota clash", version: 2, summary: "Who should own the rota?" });

    // Saving the same edit again from the stale dialog is a conflict, shown in the dialog.
    const stale = dialogCard(await send(submitAction(where, filled(edit, { title: "Edited twice" }))));
    expect(JSON.stringify(stale)).toContain("Someone saved a newer version");
    expect(input(stale, "title")?.value).toBe("Edited twice");
  });

  it("Send posts the case card into the conversation, on behalf of a named author, and answers with an empty 200", async () => {
    const where = demoChannel(h.connector.serviceUrl);
    const shared = await shareThroughDialog({ title: "Send me: feedback that landed badly" });
    h.connector.reset();
    const answer = await send(previewAction(where, "send", shared.body.composeExtension.activityPreview));
    expect(answer.body).toBeNull();

    const [posted] = await h.connector.waitForActivities(1);
    expect(posted).toMatchObject({ method: "POST", conversationId: where.conversationId, targetActivityId: undefined });
    const attachments = posted!.activity.attachments as Json[];
    expect(attachments[0]).toMatchObject({ contentType: ADAPTIVE, content: { type: "AdaptiveCard", version: "1.5" } });
    expect(JSON.stringify(attachments[0])).toContain("Send me: feedback that landed badly");
    expect(posted!.activity.channelData).toEqual({ onBehalfOf: [{ itemId: 0, mentionType: "person", mri: AMARA.id, displayname: AMARA.name }] });
  });

  it("Send of a preview that names no case of ours is a clear 400; of a case you cannot see, a kind dialog", async () => {
    const where = demoChannel(h.connector.serviceUrl);
    const bare = await send(previewAction(where, "send", { type: "message", attachments: [{ contentType: ADAPTIVE, content: { type: "AdaptiveCard", actions: [] } }] }), 400);
    expect(bare.body.error.message).toContain("botActivityPreview");

    const privateDraft = await shareCase(h.ctx, identity(JONAS), { communityId: COMMUNITY, title: "Jonas's private draft", situation: "s", question: "q", visibility: "private" });
    const someoneElses = { type: "message", attachments: [{ contentType: ADAPTIVE, content: { type: "AdaptiveCard", actions: [{ type: "Action.OpenUrl", title: "Open in Circles", url: privateDraft.link }] } }] };
    const answer = await send(previewAction(where, "send", someoneElses));
    expect(JSON.stringify(dialogCard(answer))).toContain("isn't available");
    expect(JSON.stringify(answer.body)).not.toContain("Jonas's private draft");
    expect(h.connector.activities).toHaveLength(0);
  });
});

describe("Find in library", () => {
  const results = (answer: InvokeAnswer): Json[] => {
    expect(answer.body.composeExtension).toMatchObject({ type: "result", attachmentLayout: "list" });
    return answer.body.composeExtension.attachments as Json[];
  };

  it("lists the most recently updated items when the box is empty (the first open)", async () => {
    const list = results(await send(query(demoChannel(h.connector.serviceUrl), undefined, JONAS)));
    expect(list).toHaveLength(10);
    for (const item of list) {
      expect(item.contentType).toBe(ADAPTIVE);
      const card = item.content as Json;
      expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
      expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open", url: expect.any(String) }]);
      expect(h.ctx.links.parseArtifact(openLink(card))?.communityId).toBe(COMMUNITY);
      expect(item.preview).toMatchObject({ contentType: "application/vnd.microsoft.card.thumbnail", content: { title: expect.any(String), subtitle: expect.any(String) } });
    }
    const all = await listArtifacts(h.ctx, identity(JONAS), COMMUNITY, ArtifactListQuery.parse({ limit: 10, sort: "updated" }));
    expect(list.map((i) => h.ctx.links.parseArtifact(openLink(i.content as Json))?.artifactId)).toEqual(all.items.map((i) => i.id));
  });

  it("finds items by words, with type, priority, excerpt and author on the card", async () => {
    const list = results(await send(query(demoChannel(h.connector.serviceUrl), "senior engineer quiet", JONAS)));
    const hit = list.find((i) => JSON.stringify(i).includes("A senior engineer goes quiet in planning"));
    expect(hit).toBeDefined();
    const text = JSON.stringify(hit!.content);
    expect(text).toContain("Case summary · Psychological safety");
    expect(text).toContain("A strong contributor stopped speaking up");
    expect(text).toContain("Shared by Jonas Weber");
    expect(hit!.preview).toMatchObject({ content: { title: "A senior engineer goes quiet in planning", subtitle: "Case summary" } });
  });

  it("searches the person's first community outside a team", async () => {
    const list = results(await send(query(demoPersonal(h.connector.serviceUrl, JONAS), "", JONAS)));
    expect(list.length).toBeGreaterThan(0);
  });

  it("answers a 'load more' (skip) with no further results", async () => {
    expect(results(await send(query(demoChannel(h.connector.serviceUrl), "", JONAS, { skip: 25, count: 25 })))).toEqual([]);
  });

  it("tells someone outside every community how to join", async () => {
    const answer = await send(query(demoChannel(h.connector.serviceUrl), "feedback", STRANGER));
    expect(answer.body.composeExtension.type).toBe("message");
    expect(answer.body.composeExtension.text).toContain("Ask a community lead to add you");
  });
});

describe("link unfurling", () => {
  it("turns a pasted item link into the item's card (Adaptive Card 1.3, as unfurling requires)", async () => {
    const list = await listArtifacts(h.ctx, identity(AMARA), COMMUNITY, ArtifactListQuery.parse({ q: "senior engineer quiet", limit: 1 }));
    const item = list.items[0]!;
    const answer = await send(queryLink(demoChannel(h.connector.serviceUrl), item.link));
    const [result] = answer.body.composeExtension.attachments as Json[];
    expect(answer.body.composeExtension).toMatchObject({ type: "result", attachmentLayout: "list" });
    expect(result).toMatchObject({ contentType: ADAPTIVE, content: { type: "AdaptiveCard", version: "1.3" } });
    expect(JSON.stringify(result)).toContain(item.title);
    expect(openLink(result!.content as Json)).toBe(item.link);
  });

  it("reveals nothing of someone else's private draft or another circle's case", async () => {
    const draft = await shareCase(h.ctx, identity(JONAS), { communityId: COMMUNITY, title: "Secret draft about Bob", situation: "Bob again", question: "What now?", visibility: "private" });
    const lighthouse = await shareCase(h.ctx, identity(FATIMA), { communityId: COMMUNITY, title: "Lighthouse only", situation: "s", question: "q", visibility: "circle", circleId: "circle-lighthouse" });
    for (const link of [draft.link, lighthouse.link]) {
      const answer = await send(queryLink(demoChannel(h.connector.serviceUrl), link));
      expect(answer.body).toEqual({ composeExtension: { type: "result", attachmentLayout: "list", attachments: [] } });
    }
    // The author still gets their own draft.
    const own = await send(queryLink(demoChannel(h.connector.serviceUrl), draft.link, JONAS));
    expect(own.body.composeExtension.attachments).toHaveLength(1);
  });

  it("answers an empty result for a link that is not an item, or from someone outside the community", async () => {
    const item = (await listArtifacts(h.ctx, identity(AMARA), COMMUNITY, ArtifactListQuery.parse({ limit: 1 }))).items[0]!;
    for (const [url, who] of [
      ["https://example.com/somewhere", AMARA],
      [`${item.link.replace(/item=[^&]+/, "item=art-missing")}`, AMARA],
      [item.link, STRANGER],
    ] as const) {
      const answer = await send(queryLink(demoChannel(h.connector.serviceUrl), url, who));
      expect(answer.body.composeExtension.attachments).toEqual([]);
    }
  });
});

describe("invokes that cannot be read", () => {
  const where = () => demoChannel(h.connector.serviceUrl);

  it.each([
    ["fetchTask without a commandId", () => invoke(where(), "composeExtension/fetchTask", { commandContext: "message" }), "value.commandId is missing"],
    ["fetchTask for a command we do not have", () => invoke(where(), "composeExtension/fetchTask", { commandId: "deleteEverything" }), '"deleteEverything" is not one of'],
    ["a query whose value is a string", () => invoke(where(), "composeExtension/query", "oops"), "value.commandId is missing"],
    ["a query sent to the action command", () => invoke(where(), "composeExtension/query", { commandId: "shareAsCase" }), "does not answer this invoke"],
    ["a preview action Teams does not have", () => invoke(where(), "composeExtension/submitAction", { commandId: "shareAsCase", botMessagePreviewAction: "delete" }), "botMessagePreviewAction"],
    ["a queryLink without a url", () => invoke(where(), "composeExtension/queryLink", {}), "value.url"],
    ["query parameters that are not a list", () => invoke(where(), "composeExtension/query", { commandId: "findInLibrary", parameters: "x" }), "value.parameters"],
  ])("%s → 400 with what is wrong", async (_name, activity, message) => {
    const answer = await send(activity(), 400);
    expect(answer.body.error.code).toBe("bad_request");
    expect(answer.body.error.message).toContain(message);
  });

  it("still opens the dialog when the message payload itself is odd", async () => {
    const card = dialogCard(await send(invoke(where(), "composeExtension/fetchTask", { commandId: "shareAsCase", commandContext: "message", messagePayload: { body: { content: 42 } } })));
    expect(input(card, "situation")?.value).toBe("");
  });
});

describe("when the store fails or is slow", () => {
  const brokenDirectory = (repos: BotHarness["repos"], behaviour: () => Promise<never>) => {
    const directory = Object.create(repos.directory) as BotHarness["repos"]["directory"];
    directory.getMemberships = behaviour;
    return { ...repos, directory };
  };

  it("answers a failure with a kind dialog or message, never a 500, and logs no message text", async () => {
    const failing = await startBotHarness({ store: h.repos.store, wrapRepos: (repos) => brokenDirectory(repos, () => Promise.reject(new Error("store down"))) });
    try {
      const where = demoChannel(failing.connector.serviceUrl);
      const dialog = await failing.invoke(fetchTask(where, messagePayload("<p>Bob keeps missing deadlines</p>")));
      expect(dialog.status).toBe(200);
      expect(JSON.stringify(dialog.body)).toContain("Something went wrong");
      const search = await failing.invoke(query(where, "feedback"));
      expect(search.status).toBe(200);
      expect(search.body.composeExtension).toMatchObject({ type: "message" });
      expect(failing.log.entries.some((e) => (e.obj as { event?: string }).event === "invoke_failed")).toBe(true);
      expect(failing.log.text()).not.toContain("Bob");
    } finally {
      await failing.close();
    }
  });

  it("answers before Teams' deadline even when the store is slow", async () => {
    const slow = await startBotHarness({
      store: h.repos.store,
      invokeDeadlineMs: 150,
      wrapRepos: (repos) => brokenDirectory(repos, () => new Promise((_resolve, reject) => setTimeout(() => reject(new Error("too late")), 1500))),
    });
    try {
      const answer = await slow.invoke(fetchTask(demoChannel(slow.connector.serviceUrl)));
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(1000);
      expect(JSON.stringify(answer.body)).toContain("taking longer than usual");
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await slow.close();
    }
  });
});
