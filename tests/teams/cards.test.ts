/**
 * Cards are data: each builder's output is pinned by a snapshot, plus the rules every
 * card of ours must keep in Teams (schema 1.5, well under the 100 KB message limit,
 * names cannot inject Markdown).
 */
import { type ArtifactView } from "../../bot/src/contracts";
import {
  type AdaptiveCard,
  caseCard,
  clip,
  helpCard,
  hintCard,
  noticeCard,
  plain,
  resultCard,
  resultPreview,
  shareCaseDialog,
  type ShareCaseDialogInput,
  welcomeCard,
} from "../../bot/src/teams/cards";

const TAB = "https://teams.microsoft.com/l/entity/app-id/circles";

function expectTeamsReady(card: AdaptiveCard): void {
  expect(card.type).toBe("AdaptiveCard");
  expect(card.version).toBe("1.5");
  expect(card.$schema).toBe("http://adaptivecards.io/schemas/adaptive-card.json");
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28_000);
  expect(card.fallbackText).toBeTruthy();
}

describe("welcomeCard", () => {
  it("personal install", () => {
    const card = welcomeCard({ scope: "personal" });
    expectTeamsReady(card);
    expect(card).toMatchSnapshot();
  });

  it("team install that set up a new community, with a tab link", () => {
    const card = welcomeCard({ scope: "team", communityName: "Operations Leaders", firstInstall: true, leadName: "Amara Okafor", links: { tab: TAB } });
    expectTeamsReady(card);
    expect(card).toMatchSnapshot();
  });

  it("team install linked to an existing community", () => {
    const card = welcomeCard({ scope: "team", communityName: "Operations Leaders", firstInstall: false });
    expect(JSON.stringify(card)).toContain("linked to **Operations Leaders**");
    expect(JSON.stringify(card)).not.toContain("first lead");
    expect(card).toMatchSnapshot();
  });

  it("group chat", () => {
    expect(welcomeCard({ scope: "groupChat" })).toMatchSnapshot();
  });

  it("offers the tab only when there is a link, and help always", () => {
    const titles = (card: AdaptiveCard) => (card.actions ?? []).map((a) => a.title);
    expect(titles(welcomeCard({ scope: "personal" }))).toEqual(["Show help"]);
    expect(titles(welcomeCard({ scope: "personal", links: { tab: TAB } }))).toEqual(["Open the Circles tab", "Show help"]);
  });

  it("keeps team and people names from adding links or emphasis", () => {
    const card = welcomeCard({ scope: "team", communityName: "[Click me](https://evil.example) **now**", firstInstall: true, leadName: "_Mallory_" });
    const text = JSON.stringify(card);
    expect(text).not.toContain("](https://evil.example)");
    expect(text).not.toContain("_Mallory_");
    expect(text).toContain("Mallory is its first lead");
  });
});

describe("helpCard", () => {
  it("lists what the bot does and the commands it is given", () => {
    const card = helpCard({ commands: ["help"], links: { tab: TAB } });
    expectTeamsReady(card);
    expect(card).toMatchSnapshot();
  });

  it("shows every command passed in, so it follows the route table", () => {
    const text = JSON.stringify(helpCard({ commands: ["help", "checkin"] }));
    expect(text).toContain('"title":"checkin"');
  });
});

describe("hintCard", () => {
  it("points at help with a button that runs it", () => {
    const card = hintCard();
    expectTeamsReady(card);
    expect(card.actions).toEqual([{ type: "Action.Submit", title: "Show help", data: { command: "help" } }]);
    expect(card).toMatchSnapshot();
  });
});

describe("plain", () => {
  it.each([
    ["**bold** _it_", "bold it"],
    ["[a](b)", "a(b)"],
    ["  many   spaces\n", "many spaces"],
    ["Ops & Finance (EMEA)", "Ops & Finance (EMEA)"],
  ])("%j → %j", (input, expected) => {
    expect(plain(input)).toBe(expected);
  });
});

const ITEM_LINK = "https://teams.microsoft.com/l/entity/app-id/circles?context=%7B%22subEntityId%22%3A%22artifact%3Acom-demo%3Aart-1%22%7D";
const MESSAGE_LINK = "https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000";
const PRIORITIES = [
  { id: "psychological-safety", label: "Psychological safety" },
  { id: "feedback", label: "Feedback culture" },
];

/** A saved case as the commands present it. */
function aCase(overrides: Partial<ArtifactView> = {}): ArtifactView {
  return {
    id: "art-1",
    communityId: "com-demo",
    type: "case-summary",
    title: "Two leads disagree in public",
    summary: "How do I reset the tone without taking sides?",
    body: "",
    fields: {
      type: "case-summary",
      situation: "Two of my team leads argued in the weekly stand-up and the team went silent.",
      question: "How do I reset the tone without taking sides?",
      tried: "",
      interventions: "",
      successLooksLike: "",
      signal: "",
    },
    priorities: ["feedback"],
    topics: [],
    visibility: "community",
    anonymous: false,
    author: { id: "aad-user-amara", displayName: "Amara Okafor" },
    source: { kind: "teams-message", messageLink: MESSAGE_LINK },
    openCount: 0,
    version: 1,
    createdAt: "2026-11-20T09:00:00.000Z",
    updatedAt: "2026-11-20T09:00:00.000Z",
    dueForReview: false,
    deleted: false,
    can: { edit: true, delete: true },
    link: ITEM_LINK,
    ...overrides,
  };
}

describe("caseCard", () => {
  it("shows the situation, the question, the priority, who shared it, and both links", () => {
    const card = caseCard(aCase(), { priorities: PRIORITIES });
    expectTeamsReady(card);
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open in Circles", url: ITEM_LINK },
      { type: "Action.OpenUrl", title: "View original message", url: MESSAGE_LINK },
    ]);
    expect(JSON.stringify(card)).toContain("Feedback culture");
    expect(JSON.stringify(card)).toContain("Shared by Amara Okafor");
    expect(card).toMatchSnapshot();
  });

  it("names no author, by name or id, when the case is anonymous", () => {
    // Even if a view carried the author by mistake, an anonymous case must not show it.
    for (const view of [aCase({ anonymous: true, author: null }), aCase({ anonymous: true })]) {
      const text = JSON.stringify(caseCard(view));
      expect(text).toContain("Shared anonymously");
      expect(text).not.toContain("Amara");
      expect(text).not.toContain("aad-user-amara");
    }
    expect(caseCard(aCase({ anonymous: true, author: null }))).toMatchSnapshot();
  });

  it("trims a long situation, leaves out the message link when there is none, and reads slugs without labels", () => {
    const long = "The handover between shifts keeps failing. ".repeat(100);
    const card = caseCard(aCase({ fields: { ...(aCase().fields as Extract<ArtifactView["fields"], { type: "case-summary" }>), situation: long }, source: undefined }));
    const text = JSON.stringify(card);
    expect(text).not.toContain(long.trim());
    expect(text).toContain("…");
    expect(card.actions?.map((a) => a.title)).toEqual(["Open in Circles"]);
    expect(text).toContain('"value":"Feedback"');
  });

  it("shows what people wrote verbatim: no Markdown links or emphasis from the situation", () => {
    const card = caseCard(aCase({ title: "[Click](https://evil.example) **now**", fields: { ...(aCase().fields as Extract<ArtifactView["fields"], { type: "case-summary" }>), situation: "See [this](https://evil.example) **now**" } }));
    const runs = JSON.stringify(card.body.filter((e) => e.type === "RichTextBlock"));
    expect(runs).toContain("See [this](https://evil.example) **now**");
    expect(JSON.stringify(card.body.filter((e) => e.type === "TextBlock"))).not.toContain("](https://evil.example)");
  });

  it("posts a circle's or a private case without its content, since the whole chat sees the card", () => {
    for (const visibility of ["circle", "private"] as const) {
      const card = caseCard(aCase({ visibility, circleId: visibility === "circle" ? "circle-harbour" : undefined }));
      const text = JSON.stringify(card);
      expect(text).not.toContain("Two leads disagree");
      expect(text).not.toContain("stand-up");
      expect(text).not.toContain("Amara");
      expect(card.actions?.[0]).toEqual({ type: "Action.OpenUrl", title: "Open in Circles", url: ITEM_LINK });
    }
    expect(caseCard(aCase({ visibility: "circle", circleId: "circle-harbour" }))).toMatchSnapshot();
  });
});

describe("resultCard and resultPreview", () => {
  const { body: _body, fields: _fields, ...summary } = aCase({ type: "checklist", title: "First week with a new report", summary: "Ten small things that make a starter feel expected.", priorities: ["psychological-safety"], fields: { type: "checklist", items: [{ text: "a" }] } });

  it("a search result: type and priority, title, excerpt, author and Open", () => {
    const card = resultCard(summary);
    expectTeamsReady(card);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open", url: ITEM_LINK }]);
    expect(JSON.stringify(card)).toContain("Checklist · Psychological safety");
    expect(card).toMatchSnapshot();
  });

  it("an unfurled case: declared as 1.3, the excerpt from the situation when there is no summary", () => {
    const card = resultCard(aCase({ summary: "", anonymous: true, author: null }), { version: "1.3" });
    expect(card.version).toBe("1.3");
    expect(JSON.stringify(card)).toContain("Two of my team leads argued");
    expect(JSON.stringify(card)).toContain("Shared anonymously");
    expect(JSON.stringify(card)).not.toContain("Amara");
    expect(card).toMatchSnapshot();
  });

  it("an excerpt of a Markdown body, when that is all there is", () => {
    const card = resultCard({ ...summary, summary: "", body: "## Why\n- [ ] **Block** 30 minutes on [day one](https://x.example)\n- [ ] Ask how they like to work" });
    expect(JSON.stringify(card)).toContain("Why Block 30 minutes on day one Ask how they like to work");
  });

  it("keeps a confidential item's title and excerpt out of the card but not out of the searcher's own list row", () => {
    const circle = { ...summary, visibility: "circle" as const, circleId: "circle-harbour" };
    expect(JSON.stringify(resultCard(circle))).not.toContain("First week");
    expect(resultPreview(circle).content).toEqual({ title: "First week with a new report", subtitle: "Checklist · Peer circle only", text: "Ten small things that make a starter feel expected." });
  });

  it("escapes what people wrote in the thumbnail, which Teams reads as HTML", () => {
    const preview = resultPreview({ ...summary, title: "<b>Bold</b> & co", summary: "a < b" });
    expect(preview).toEqual({ contentType: "application/vnd.microsoft.card.thumbnail", content: { title: "&lt;b&gt;Bold&lt;/b&gt; &amp; co", subtitle: "Checklist", text: "a &lt; b" } });
  });
});

describe("shareCaseDialog", () => {
  const base: ShareCaseDialogInput = {
    values: { communityId: "com-demo", title: "Two leads disagree", situation: "They argued.", question: "", priority: "", visibility: "community", circleId: "", anonymous: false },
    communities: [{ id: "com-demo", name: "Harbour Managers' Circle" }],
    priorities: PRIORITIES,
    circleIds: ["circle-harbour"],
    messageLink: MESSAGE_LINK,
  };

  it("prefilled from a message, for someone in one community and one circle", () => {
    const card = shareCaseDialog(base);
    expectTeamsReady(card);
    expect(card.actions).toEqual([{ type: "Action.Submit", title: "Preview", style: "positive", data: { communityId: "com-demo", circleId: "circle-harbour", messageLink: MESSAGE_LINK } }]);
    expect(card).toMatchSnapshot();
  });

  it("sent back with problems beside their fields, a community picker and a circle picker", () => {
    const card = shareCaseDialog({
      ...base,
      communities: [...base.communities, { id: "com-second", name: "New Managers' Guild" }],
      circleIds: ["circle-harbour", "circle-lighthouse"],
      errors: { title: "Give your case a short title.", circleId: "Choose one of your peer circles." },
      problem: "Someone saved a newer version.",
    });
    const ids = card.body.map((e) => ("id" in e ? e.id : e.type));
    expect(ids).toEqual(expect.arrayContaining(["communityId", "title", "title-error", "circleId", "circleId-error"]));
    expect(ids.indexOf("title-error")).toBe(ids.indexOf("title") + 1);
    expect(card.actions?.[0]).toMatchObject({ data: { messageLink: MESSAGE_LINK } });
    expect((card.actions?.[0] as { data: Record<string, string> }).data.communityId).toBeUndefined();
    expect(card).toMatchSnapshot();
  });

  it("editing a saved case carries its id and version, and fixes the community", () => {
    const card = shareCaseDialog({ ...base, communities: [...base.communities, { id: "com-second", name: "Guild" }], editing: { artifactId: "art-1", baseVersion: 3 } });
    expect(card.body.some((e) => "id" in e && e.id === "communityId")).toBe(false);
    expect(card.actions?.[0]).toMatchObject({ title: "Save and preview", data: { communityId: "com-demo", artifactId: "art-1", baseVersion: "3" } });
  });
});

describe("noticeCard", () => {
  it("explains, with the tab when there is a link", () => {
    const card = noticeCard("Join a community first", "Ask a lead to add you.", { tab: TAB });
    expectTeamsReady(card);
    expect(card).toMatchSnapshot();
  });
});

describe("clip", () => {
  it.each([
    ["short", 10, "short"],
    ["one two three four", 12, "one two…"],
    ["会議会議会議会議", 5, "会議会議…"],
  ])("%j to %i → %j", (text, max, expected) => {
    expect(clip(text, max)).toBe(expected);
  });

  it("never splits an emoji", () => {
    const clipped = clip("😀".repeat(10), 6);
    expect(clipped.length).toBeLessThanOrEqual(6);
    expect(clipped).toBe("😀😀…");
  });
});
