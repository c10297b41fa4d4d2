import { ConfigError, devIdentityAllowed, loadConfig } from "../../bot/src/config";

const AZURE = {
  COSMOS_ENDPOINT: "https://acct.documents.azure.com:443/",
  MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
  MicrosoftAppTenantId: "00000000-0000-0000-0000-000000000002",
  AAD_APP_CLIENT_ID: "00000000-0000-0000-0000-000000000003",
  PUBLIC_URL: "https://circles.example.com",
};

describe("configuration", () => {
  it("defaults to local mode on loopback with the dev identity allowed", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: "local", port: 3978, host: "127.0.0.1", dataDir: ".data", seedDemo: true });
    expect(devIdentityAllowed(config)).toBe(true);
  });

  it("lists every problem at once, each with how to fix it", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", LOG_LEVEL: "loud", COSMOS_ENDPOINT: "not a url" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).toMatch(/PORT: .*expected a port number/);
    expect(message).toMatch(/LOG_LEVEL: .*one of fatal/);
    expect(message).toMatch(/COSMOS_ENDPOINT: .*documents\.azure\.com/);
  });

  it("switches to Azure mode with a Cosmos endpoint and names each missing companion", () => {
    expect(() => loadConfig({ COSMOS_ENDPOINT: "https://acct.documents.azure.com:443/", MicrosoftAppType: "SingleTenant" })).toThrow(
      expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(/^MicrosoftAppId: required/), expect.stringMatching(/^AAD_APP_CLIENT_ID: required/), expect.stringMatching(/^PUBLIC_URL: required/), expect.stringMatching(/^MicrosoftAppTenantId: required/)]) }),
    );
  });

  it("lets bot credentials run with the embedded store, for debugging in real Teams", () => {
    const config = loadConfig({ MicrosoftAppId: "00000000-0000-0000-0000-000000000001", MicrosoftAppType: "MultiTenant" });
    expect(config).toMatchObject({ mode: "local", bot: { appId: "00000000-0000-0000-0000-000000000001", appType: "MultiTenant" } });
    expect(() => loadConfig({ MicrosoftAppId: "00000000-0000-0000-0000-000000000001" })).toThrow(/MicrosoftAppTenantId: required when MicrosoftAppType is UserAssignedMSI/);
  });

  it("will not expose an unsigned bot endpoint beyond loopback", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/HOST: 0\.0\.0\.0 is not a loopback address.*MicrosoftAppId/);
  });

  it("limits sign-in to the bot's tenant in Azure unless told otherwise", () => {
    expect(loadConfig(AZURE).sso.allowedTenantIds).toEqual(["00000000-0000-0000-0000-000000000002"]);
    expect(loadConfig({ ...AZURE, AAD_ALLOWED_TENANT_IDS: "a, b" }).sso.allowedTenantIds).toEqual(["a", "b"]);
  });

  it("refuses a password next to a managed identity", () => {
    expect(loadConfig(AZURE)).toMatchObject({ mode: "azure", host: "0.0.0.0", seedDemo: false, bot: { appType: "UserAssignedMSI" } });
    expect(() => loadConfig({ ...AZURE, MicrosoftAppPassword: "x" })).toThrow(/MicrosoftAppPassword: must be empty/);
  });

  it("never offers the dev identity off loopback, with an Entra app, or with a bot identity", () => {
    expect(devIdentityAllowed(loadConfig({ HOST: "0.0.0.0", MicrosoftAppId: "00000000-0000-0000-0000-000000000001", MicrosoftAppType: "MultiTenant" }))).toBe(false);
    expect(devIdentityAllowed(loadConfig({ AAD_APP_CLIENT_ID: "00000000-0000-0000-0000-000000000003" }))).toBe(false);
    expect(devIdentityAllowed(loadConfig({ MicrosoftAppId: "00000000-0000-0000-0000-000000000001", MicrosoftAppType: "MultiTenant" }))).toBe(false);
    expect(devIdentityAllowed(loadConfig({ HOST: "::1" }))).toBe(true);
  });
});
