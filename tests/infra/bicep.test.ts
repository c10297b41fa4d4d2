import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE, DATABASE_NAME } from "../../bot/src/store/catalogue";
import { findPlaceholders, parseDotenv } from "../../scripts/package";
import {
  type BicepFile,
  type ResourceDecl,
  ROOT,
  calledFunctions,
  declarations,
  declaredName,
  declaredValue,
  descendants,
  literal,
  memberAccesses,
  objectProperties,
  parseBicepFiles,
  prop,
  resources,
  stringContents,
  stringValue,
  syntaxProblems,
  variable,
} from "./bicepTree";

let files: BicepFile[];
let all: ResourceDecl[];

beforeAll(async () => {
  files = await parseBicepFiles();
  all = files.flatMap(resources);
});

function file(rel: string): BicepFile {
  const found = files.find((f) => f.rel === rel);
  if (!found) throw new Error(`${rel} not found; have ${files.map((f) => f.rel).join(", ")}`);
  return found;
}

function resource(type: string, name?: string): ResourceDecl {
  const matches = all.filter((r) => r.type === type && (name === undefined || literalName(r) === name));
  if (matches.length !== 1) throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${matches.length}`);
  return matches[0] as ResourceDecl;
}

function literalName(r: ResourceDecl): string | undefined {
  const node = prop(r.body, "name");
  try {
    return node ? stringValue(node) : undefined;
  } catch {
    return undefined;
  }
}

function literalAt(r: ResourceDecl, ...path: string[]): unknown {
  const node = prop(r.body, ...path);
  if (!node) throw new Error(`${r.symbol} (${r.file}) has no ${path.join(".")}`);
  return literal(node);
}

describe("Bicep syntax", () => {
  it("parses the entry point and every module", () => {
    expect(files.map((f) => f.rel).sort()).toEqual(
      expect.arrayContaining(["infra/main.bicep", "infra/modules/bot.bicep", "infra/modules/cosmos.bicep", "infra/modules/identity.bicep", "infra/modules/monitoring.bicep", "infra/modules/web.bicep"]),
    );
  });

  it("has no ERROR or MISSING nodes in any file", () => {
    const problems = files.flatMap((f) => syntaxProblems(f.root).map((p) => `${f.rel}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("uses every module file from main.bicep, and every referenced module exists", () => {
    const main = file("infra/main.bicep");
    const referenced = descendants(main.root, "module_declaration").map((m) => {
      const path = m.namedChildren.find((n) => n?.type === "string");
      return `infra/${stringValue(path!)}`;
    });
    const modules = files.map((f) => f.rel).filter((rel) => rel.startsWith("infra/modules/"));
    expect(referenced.sort()).toEqual(modules.sort());
  });
});

describe("API versions", () => {
  it("pins a GA (dated, non-preview) API version on every resource", () => {
    expect(all.length).toBeGreaterThan(0);
    const offenders = all.filter((r) => !/^\d{4}-\d{2}-\d{2}$/.test(r.apiVersion)).map((r) => `${r.file}: ${r.type}@${r.apiVersion}`);
    expect(offenders).toEqual([]);
  });

  it("mentions no preview version anywhere in the templates", () => {
    const offenders = files.filter((f) => /@\d{4}-\d{2}-\d{2}-(preview|beta|alpha|privatepreview)/i.test(f.source)).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });
});

describe("Cosmos DB", () => {
  const cosmosFile = () => file("infra/modules/cosmos.bicep");

  it("declares exactly the containers, partition keys, default TTL and index exclusions of the store catalogue", () => {
    const declared = literal(variable(cosmosFile().root, "containers")) as Record<string, unknown>[];
    const expected = Object.values(CATALOGUE).map((spec) => ({
      name: spec.name,
      partitionKey: spec.partitionKey,
      excludedPaths: [...spec.excludedPaths],
      ...("defaultTtl" in spec ? { defaultTtl: spec.defaultTtl } : {}),
    }));
    const byName = (a: { name?: unknown }, b: { name?: unknown }) => String(a.name).localeCompare(String(b.name));
    expect([...declared].sort(byName)).toEqual([...expected].sort(byName));
  });

  it("creates one container per catalogue entry from that list, reading every field", () => {
    const containers = resource("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
    expect(containers.loop?.over).toBe("containers");
    const v = containers.loop?.variable ?? "";
    const resourceText = prop(containers.body, "properties", "resource")?.text ?? "";
    for (const field of ["name", "partitionKey", "excludedPaths", "defaultTtl"]) {
      expect(resourceText).toMatch(new RegExp(`\\b${v}\\.\\??${field}\\b`));
    }
    expect(prop(containers.body, "name")?.text).toBe(`${v}.name`);
  });

  it("names the database as the catalogue does", () => {
    expect(literal(variable(file("infra/main.bicep").root, "cosmosDatabaseName"))).toBe(DATABASE_NAME);
  });

  it("disables key (local) auth and keys for metadata writes", () => {
    const account = resource("Microsoft.DocumentDB/databaseAccounts");
    expect(literalAt(account, "properties", "disableLocalAuth")).toBe(true);
    expect(literalAt(account, "properties", "disableKeyBasedMetadataWriteAccess")).toBe(true);
  });

  it("uses continuous backup and is serverless unless autoscale is chosen", () => {
    const account = resource("Microsoft.DocumentDB/databaseAccounts");
    expect(literalAt(account, "properties", "backupPolicy", "type")).toBe("Continuous");
    const capabilities = prop(account.body, "properties", "capabilities")?.text ?? "";
    expect(capabilities).toMatch(/throughputMode == 'serverless'/);
    expect(capabilities).toContain("EnableServerless");
    const main = file("infra/main.bicep");
    const mode = declarations(main.root, "parameter_declaration").find((d) => declaredName(d) === "cosmosThroughputMode");
    expect(literal(declaredValue(mode!)!)).toBe("serverless");
    const database = resource("Microsoft.DocumentDB/databaseAccounts/sqlDatabases");
    expect(prop(database.body, "properties", "options")?.text).toMatch(/autoscaleSettings/);
  });

  it("grants the app identity Cosmos DB Built-in Data Contributor on the data plane", () => {
    expect(literal(variable(cosmosFile().root, "dataContributorRoleId"))).toBe("00000000-0000-0000-0000-000000000002");
    const assignment = resource("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments");
    expect(assignment.loop?.over).toBe("dataContributorPrincipalIds");
    expect(prop(assignment.body, "properties", "roleDefinitionId")?.text).toContain("sqlRoleDefinitions/${dataContributorRoleId}");
    expect(prop(assignment.body, "properties", "principalId")?.text).toBe(assignment.loop?.variable);
    const cosmosModule = descendants(file("infra/main.bicep").root, "module_declaration").find((m) => m.text.includes("'modules/cosmos.bicep'"));
    const principals = prop(cosmosModule?.namedChildren.find((n) => n?.type === "object") ?? undefined, "params", "dataContributorPrincipalIds");
    expect(principals?.text).toContain("identity.outputs.principalId");
  });
});

describe("no keys, secrets or passwords", () => {
  const FORBIDDEN_PROPERTIES = /^(primary|secondary)(readonly)?(master)?keys?$|^(primary|secondary)connectionstring$|^connectionstrings$|^instrumentationkey$|^(access|account|shared|master)keys?$|password|secret/i;

  it("calls no list*() function (listKeys, listConnectionStrings, listSecrets...)", () => {
    const calls = files.flatMap((f) => calledFunctions(f.root).filter((c) => /^list/i.test(c)).map((c) => `${f.rel}: ${c}()`));
    expect(calls).toEqual([]);
  });

  it("reads no key or secret property of any resource", () => {
    const reads = files.flatMap((f) => memberAccesses(f.root).filter(([, p]) => FORBIDDEN_PROPERTIES.test(p)).map(([o, p]) => `${f.rel}: ${o}.${p}`));
    expect(reads).toEqual([]);
  });

  it("embeds no account key or shared access key in any string", () => {
    const strings = files.flatMap((f) => stringContents(f.root).filter((s) => /(AccountKey|SharedAccessKey|AccessKey)\s*=/i.test(s)).map((s) => `${f.rel}: ${s}`));
    expect(strings).toEqual([]);
  });

  it("declares no @secure() input: nothing secret is passed in", () => {
    const secure = files.flatMap((f) => calledFunctions(f.root).filter((c) => c === "secure").map(() => f.rel));
    expect(secure).toEqual([]);
  });

  it("outputs no secret; a connection string only when it is Application Insights'", () => {
    const problems: string[] = [];
    for (const f of files) {
      const insights = resources(f).filter((r) => r.type === "Microsoft.Insights/components").map((r) => r.symbol);
      for (const output of declarations(f.root, "output_declaration")) {
        const name = declaredName(output);
        const value = declaredValue(output)?.text ?? "";
        if (/secret|password|token|(?<!client|tenant|principal|resource)key$/i.test(name)) problems.push(`${f.rel}: output ${name} looks secret`);
        if (/connectionstring/i.test(name) || /connectionstring/i.test(value)) {
          const match = /^(\w+)\.properties\.ConnectionString$/.exec(value);
          if (!match || !insights.includes(match[1] as string)) problems.push(`${f.rel}: output ${name} = ${value} is not an Application Insights connection string`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("App Service", () => {
  const appSettings = () => resource("Microsoft.Web/sites/config", "appsettings");

  it("runs Node 22 LTS on Linux, https only, TLS 1.2, no FTP, with a health check and Always On", () => {
    const site = resource("Microsoft.Web/sites");
    expect(literalAt(site, "kind")).toBe("app,linux");
    expect(literalAt(site, "properties", "httpsOnly")).toBe(true);
    expect(literalAt(site, "properties", "siteConfig", "linuxFxVersion")).toBe("NODE|22-lts");
    expect(literalAt(site, "properties", "siteConfig", "minTlsVersion")).toBe("1.2");
    expect(literalAt(site, "properties", "siteConfig", "ftpsState")).toBe("Disabled");
    expect(literalAt(site, "properties", "siteConfig", "healthCheckPath")).toBe("/healthz");
    expect(literalAt(site, "properties", "siteConfig", "alwaysOn")).toBe(true);
    expect(literalAt(resource("Microsoft.Web/serverfarms"), "properties", "reserved")).toBe(true);
  });

  it("runs as the user-assigned identity", () => {
    const site = resource("Microsoft.Web/sites");
    expect(literalAt(site, "identity", "type")).toBe("UserAssigned");
    expect(prop(site.body, "identity", "userAssignedIdentities")?.text).toContain("identityResourceId");
  });

  it("turns off basic-auth publishing for FTP and SCM", () => {
    for (const name of ["ftp", "scm"]) {
      expect(literalAt(resource("Microsoft.Web/sites/basicPublishingCredentialsPolicies", name), "properties", "allow")).toBe(false);
    }
  });

  it("sets the app settings the server reads, pointing at Cosmos and the identity", () => {
    const settings = Object.fromEntries(objectProperties(prop(appSettings().body, "properties")!).map(([k, v]) => [k, v.text]));
    for (const name of [
      "COSMOS_ENDPOINT",
      "COSMOS_DATABASE",
      "AZURE_CLIENT_ID",
      "MicrosoftAppId",
      "MicrosoftAppType",
      "MicrosoftAppTenantId",
      "AAD_APP_CLIENT_ID",
      "AAD_APP_ID_URI",
      "PUBLIC_URL",
      "TEAMS_APP_ID",
      "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ]) {
      expect(settings).toHaveProperty(name);
    }
    expect(settings.MicrosoftAppType).toBe("'UserAssignedMSI'");
    expect(settings.AZURE_CLIENT_ID).toBe("identityClientId");
    expect(settings.MicrosoftAppId).toBe("identityClientId");
    expect(settings.COSMOS_ENDPOINT).toBe("cosmosEndpoint");
  });

  it("puts no password, secret or key in an app setting", () => {
    const names = objectProperties(prop(appSettings().body, "properties")!).map(([k]) => k);
    expect(names.filter((n) => /password|secret|(?<!client_)key\b|_KEY$/i.test(n))).toEqual([]);
    expect(names).not.toContain("MicrosoftAppPassword");
  });
});

describe("Azure Bot", () => {
  it("authenticates as the user-assigned managed identity", () => {
    const bot = resource("Microsoft.BotService/botServices");
    expect(literalAt(bot, "kind")).toBe("azurebot");
    expect(literalAt(bot, "properties", "msaAppType")).toBe("UserAssignedMSI");
    expect(prop(bot.body, "properties", "msaAppMSIResourceId")?.text).toBe("identityResourceId");
    expect(prop(bot.body, "properties", "msaAppId")?.text).toBe("identityClientId");
    expect(prop(bot.body, "properties", "msaAppTenantId")?.text).toBe("identityTenantId");
  });

  it("sends Teams traffic to https://<web host>/api/messages", () => {
    const botModule = descendants(file("infra/main.bicep").root, "module_declaration").find((m) => m.text.includes("'modules/bot.bicep'"));
    const endpoint = prop(botModule?.namedChildren.find((n) => n?.type === "object") ?? undefined, "params", "endpoint");
    expect(endpoint?.text).toBe("'https://${web.outputs.hostName}/api/messages'");
  });

  it("enables the Microsoft Teams channel", () => {
    const channel = resource("Microsoft.BotService/botServices/channels");
    expect(literalAt(channel, "name")).toBe("MsTeamsChannel");
    expect(literalAt(channel, "properties", "channelName")).toBe("MsTeamsChannel");
    expect(literalAt(channel, "properties", "properties", "isEnabled")).toBe(true);
  });
});

describe("Application Insights", () => {
  it("is workspace-based", () => {
    const insights = resource("Microsoft.Insights/components");
    const workspace = resource("Microsoft.OperationalInsights/workspaces");
    expect(prop(insights.body, "properties", "WorkspaceResourceId")?.text).toBe(`${workspace.symbol}.id`);
    expect(literalAt(insights, "properties", "IngestionMode")).toBe("LogAnalytics");
  });
});

/** Env variable names the Toolkit writes in a lifecycle file (writeToEnvironmentFile blocks). */
function toolkitWrites(ymlFile: string): string[] {
  const names: string[] = [];
  let blockIndent = -1;
  for (const line of readFileSync(join(ROOT, ymlFile), "utf8").split("\n")) {
    const indent = line.search(/\S/);
    if (/^\s*writeToEnvironmentFile:\s*$/.test(line)) {
      blockIndent = indent;
      continue;
    }
    if (blockIndent >= 0 && indent > blockIndent) {
      const m = /^\s*\w+:\s*([A-Z][A-Z0-9_]*)\s*$/.exec(line);
      if (m) names.push(m[1] as string);
    } else if (line.trim()) blockIndent = -1;
  }
  return names;
}

function envFile(name: string): Record<string, string> {
  return parseDotenv(readFileSync(join(ROOT, "env", name), "utf8"));
}

describe("parameters and outputs line up with the Toolkit", () => {
  const BUILT_INS = ["TEAMSFX_ENV", "AAD_APP_ACCESS_AS_USER_PERMISSION_ID", "RESOURCE_SUFFIX", "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP_NAME"];

  it("main.parameters.json names only real parameters and covers every required one", () => {
    const main = file("infra/main.bicep");
    const params = declarations(main.root, "parameter_declaration");
    const required = params.filter((p) => !declaredValue(p)).map(declaredName);
    const known = params.map(declaredName);
    const given = Object.keys((JSON.parse(readFileSync(join(ROOT, "infra", "main.parameters.json"), "utf8")) as { parameters: object }).parameters);
    expect(given.filter((g) => !known.includes(g))).toEqual([]);
    expect(required.filter((r) => !given.includes(r))).toEqual([]);
  });

  it("fills every ${{VAR}} of the Azure environment from provision outputs or the committed template", () => {
    const main = file("infra/main.bicep");
    const outputs = declarations(main.root, "output_declaration").map(declaredName);
    const written = toolkitWrites("m365agents.yml");
    const preset = Object.entries(envFile(".env.dev")).filter(([, v]) => v).map(([k]) => k);
    const provided = new Set([...outputs, ...written, ...preset, ...BUILT_INS]);
    const used = ["appPackage/manifest.json", "infra/aad.manifest.json", "infra/main.parameters.json"].flatMap((f) =>
      findPlaceholders(JSON.parse(readFileSync(join(ROOT, f), "utf8"))).map((v) => ({ f, v })),
    );
    expect(used.filter(({ v }) => !provided.has(v)).map(({ f, v }) => `${f}: ${v}`)).toEqual([]);
    for (const name of ["BOT_ID", "BOT_DOMAIN", "TAB_ENDPOINT", "AZURE_APP_SERVICE_RESOURCE_ID", "COSMOS_ENDPOINT", "IDENTITY_CLIENT_ID"]) {
      expect(outputs).toContain(name);
    }
  });

  it("fills every ${{VAR}} of the local environment from the local lifecycle or env/.env.local", () => {
    const written = toolkitWrites("m365agents.local.yml");
    const preset = Object.entries(envFile(".env.local")).filter(([, v]) => v).map(([k]) => k);
    const provided = new Set([...written, ...preset, ...BUILT_INS, "BOT_ENDPOINT", "BOT_DOMAIN"]);
    const used = ["appPackage/manifest.json", "infra/aad.manifest.json"].flatMap((f) => findPlaceholders(JSON.parse(readFileSync(join(ROOT, f), "utf8"))));
    expect(used.filter((v) => !provided.has(v))).toEqual([]);
  });

  it("keeps secrets out of the committed env templates", () => {
    for (const name of [".env.dev", ".env.local"]) {
      const env = envFile(name);
      expect(Object.keys(env).filter((k) => /SECRET|PASSWORD|KEY$/i.test(k) && env[k])).toEqual([]);
    }
  });
});
