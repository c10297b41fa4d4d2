/**
 * Cards are data: each builder's output is pinned by a snapshot, plus the rules every
 * card of ours must keep in Teams (schema 1.5, well under the 100 KB message limit,
 * names cannot inject Markdown).
 */
import { type AdaptiveCard, helpCard, hintCard, plain, welcomeCard } from "../../bot/src/teams/cards";

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
