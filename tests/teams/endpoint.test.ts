/**
 * The endpoint's edges: who may post (local mode vs a configured bot identity) and what a
 * body that is not an activity gets.
 */
import { createBotAdapter } from "../../bot/src/teams";
import { TENANT, botAdded, message, personalChat } from "./activities";
import { type BotHarness, recordingLogger, startBotHarness } from "./harness";

const AZURE_BOT = { appId: "11111111-2222-3333-4444-555555555555", tenantId: "99999999-8888-7777-6666-555555555555", hasPassword: false };

describe("with a bot identity configured (Azure)", () => {
  let local: BotHarness;
  let msi: BotHarness;
  let singleTenant: BotHarness;

  beforeAll(async () => {
    local = await startBotHarness();
    const azure = (appType: "UserAssignedMSI" | "SingleTenant") => ({
      config: { bot: { ...AZURE_BOT, appType }, mode: "azure" as const, publicUrl: "https://circles.contoso.com" },
      store: local.repos.store,
      env: { MicrosoftAppPassword: "client-secret-for-tests" },
    });
    msi = await startBotHarness(azure("UserAssignedMSI"));
    singleTenant = await startBotHarness(azure("SingleTenant"));
  });
  afterAll(async () => {
    await msi?.close();
    await singleTenant?.close();
    await local?.close();
  });

  it.each([
    ["UserAssignedMSI", () => msi],
    ["SingleTenant", () => singleTenant],
  ])("%s: an unsigned activity gets 401 and changes nothing", async (_type, harness) => {
    const h = harness();
    const where = personalChat(h.connector.serviceUrl);
    const res = await h.post(botAdded(where));
    expect(res.status).toBe(401);
    const help = await h.post(message(where, "help"));
    expect(help.status).toBe(401);
    expect(h.connector.activities).toHaveLength(0);
    expect(await h.repos.directory.getConversation(TENANT, where.conversationId)).toBeNull();
  });

  it.each([
    ["UserAssignedMSI", () => msi],
    ["SingleTenant", () => singleTenant],
  ])("%s: a token that is not a JWT gets 401 from botbuilder's validation", async (_type, harness) => {
    const h = harness();
    // botbuilder reports auth failures on console.error; keep the test output clean and prove it ran.
    const consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const res = await h.post(message(personalChat(h.connector.serviceUrl), "help"), { authorization: "Bearer not-a-real-token" });
      expect(res.status).toBe(401);
      expect(consoleError).toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
    expect(h.connector.activities).toHaveLength(0);
  });

  it("an unsigned body that is not even an activity gets 401, not 400", async () => {
    expect((await msi.post({})).status).toBe(401);
  });

  it("local mode (no app id) accepts the same unsigned activity", async () => {
    const res = await local.post(message(personalChat(local.connector.serviceUrl), "help"));
    expect(res.status).toBe(200);
    expect(local.connector.activities).toHaveLength(1);
    expect(local.connector.activities[0]?.authorization).toBeUndefined();
  });
});

describe("bodies that are not activities", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const valid = () => message(personalChat(h.connector.serviceUrl), "help");

  it.each<[string, () => unknown, string]>([
    ["JSON that does not parse", () => '{"type": "message",', ""],
    ["a JSON array", () => [valid()], "body"],
    ["an empty object", () => ({}), "type"],
    ["no conversation", () => ({ ...valid(), conversation: undefined }), "conversation"],
    ["a serviceUrl that is not a URL", () => ({ ...valid(), serviceUrl: "not a url" }), "serviceUrl"],
    ["a non-http serviceUrl", () => ({ ...valid(), serviceUrl: "file:///etc/passwd" }), "serviceUrl"],
    ["entities without a type", () => ({ ...valid(), entities: [{ text: "x" }] }), "entities"],
  ])("%s → 400, nothing sent", async (_name, body, field) => {
    const res = await h.post(body());
    expect(res.status).toBe(400);
    if (field) {
      const payload = (await res.json()) as { error: { code: string; message: string } };
      expect(payload.error.code).toBe("bad_request");
      expect(payload.error.message).toContain(field);
    }
    expect(h.connector.activities).toHaveLength(0);
  });

  it("still answers a valid activity afterwards", async () => {
    expect((await h.post(valid())).status).toBe(200);
  });
});

describe("createBotAdapter", () => {
  const log = recordingLogger();

  it("is local without an app id and authenticated with one", () => {
    expect(createBotAdapter({ bot: {}, log, env: {} })).toMatchObject({ mode: "local", appId: "" });
    expect(createBotAdapter({ bot: { ...AZURE_BOT, appType: "UserAssignedMSI" }, log, env: {} })).toMatchObject({ mode: "authenticated", appId: AZURE_BOT.appId });
  });

  it("ignores a stray secret with a managed identity (botbuilder refuses MSI with a password)", () => {
    expect(() => createBotAdapter({ bot: { ...AZURE_BOT, appType: "UserAssignedMSI" }, log, env: { MicrosoftAppPassword: "leftover" } })).not.toThrow();
  });

  it("says what to set when a SingleTenant bot has no secret", () => {
    expect(() => createBotAdapter({ bot: { ...AZURE_BOT, appType: "SingleTenant" }, log, env: {} })).toThrow(/MicrosoftAppPassword/);
  });
});
