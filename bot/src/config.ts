import { z } from "zod";

const csv = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []));
const optionalText = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

/** Every environment variable the server reads, with its default and what it means. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  COSMOS_ENDPOINT: z.url().optional(),
  COSMOS_DATABASE: z.string().min(1).default("practice-circles"),
  AZURE_CLIENT_ID: optionalText,
  MicrosoftAppId: optionalText,
  MicrosoftAppType: z.enum(["UserAssignedMSI", "SingleTenant", "MultiTenant"]).optional(),
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppPassword: optionalText,
  AAD_APP_CLIENT_ID: optionalText,
  AAD_APP_ID_URI: optionalText,
  AAD_ALLOWED_TENANT_IDS: csv,
  AAD_AUTHORITY_HOST: z.url().default("https://login.microsoftonline.com"),
  TEAMS_APP_ID: optionalText,
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  API_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  AAD_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

export type Mode = "local" | "azure";

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  cosmos: { endpoint?: string; database: string; managedIdentityClientId?: string };
  bot: { appId?: string; appType?: "UserAssignedMSI" | "SingleTenant" | "MultiTenant"; tenantId?: string; hasPassword: boolean };
  /** jwksCooldownMs: the least time between two fetches of a tenant's signing keys (an unknown key id fetches again after it). */
  sso: { clientId?: string; appIdUri?: string; allowedTenantIds: string[]; authorityHost: string; jwksCooldownMs: number };
  teamsAppId?: string;
  seedDemo: boolean;
  /** Per-user API requests per minute, and per-address sign-in failures per minute. */
  limits: { apiPerMinute: number; authFailuresPerMinute: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The server cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const HINTS: Record<string, string> = {
  PORT: "a port number such as 3978",
  PUBLIC_URL: "the https address Teams reaches this server at, e.g. https://circles.contoso.com",
  COSMOS_ENDPOINT: "the account URL, e.g. https://my-account.documents.azure.com:443/ (leave unset for the local store)",
  LOG_LEVEL: "one of fatal, error, warn, info, debug, trace, silent",
  MicrosoftAppType: "UserAssignedMSI, SingleTenant or MultiTenant",
  AAD_AUTHORITY_HOST: "an https URL such as https://login.microsoftonline.com",
  SEED_DEMO: "true or false",
  API_RATE_LIMIT_PER_MINUTE: "a whole number of requests per user per minute, e.g. 600",
  API_AUTH_FAILURES_PER_MINUTE: "a whole number of refused sign-ins per address per minute, e.g. 60",
  AAD_JWKS_COOLDOWN_MS: "milliseconds between fetches of Entra's signing keys, e.g. 30000",
};

/**
 * Reads the environment once. Local mode is the default: no Cosmos endpoint (embedded
 * store) and no bot identity. Every problem is collected and reported together.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? "environment");
        return `${key}: ${i.message}${HINTS[key] ? ` (expected ${HINTS[key]})` : ""}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  // The store decides the mode: a Cosmos endpoint means Azure. Bot credentials and SSO can be
  // set on their own, e.g. to debug in real Teams through a tunnel with the embedded store.
  const mode: Mode = e.COSMOS_ENDPOINT ? "azure" : "local";

  if (mode === "azure") {
    const because = "because COSMOS_ENDPOINT is set (Azure mode)";
    if (!e.MicrosoftAppId) problems.push(`MicrosoftAppId: required ${because}; set it to the Azure Bot's app (client) id`);
    if (!e.AAD_APP_CLIENT_ID) problems.push(`AAD_APP_CLIENT_ID: required ${because}; set it to the Entra app used for Teams SSO`);
    if (!e.PUBLIC_URL) problems.push(`PUBLIC_URL: required ${because}; set it to the https address of this app`);
  }
  const botConfigured = Boolean(e.MicrosoftAppId) || mode === "azure";
  const appType = e.MicrosoftAppType ?? (botConfigured ? "UserAssignedMSI" : undefined);
  if (botConfigured && appType !== "MultiTenant" && !e.MicrosoftAppTenantId)
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${appType}; set it to your Entra tenant id`);
  if (appType === "UserAssignedMSI" && e.MicrosoftAppPassword) problems.push("MicrosoftAppPassword: must be empty with a managed identity; remove it");
  if (e.MicrosoftAppType && !botConfigured) problems.push("MicrosoftAppId: required because MicrosoftAppType is set; set both or neither");
  const host = e.HOST ?? (mode === "local" ? "127.0.0.1" : "0.0.0.0");
  // Without a bot identity the endpoint accepts unsigned activities (the Playground); that is safe on loopback only.
  if (!e.MicrosoftAppId && !isLoopback(host))
    problems.push(`HOST: ${host} is not a loopback address, and without MicrosoftAppId the bot would accept unsigned activities from anyone; set MicrosoftAppId or bind to 127.0.0.1`);
  if (problems.length) throw new ConfigError(problems);

  return {
    mode,
    port: e.PORT,
    host,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    cosmos: { endpoint: e.COSMOS_ENDPOINT, database: e.COSMOS_DATABASE, managedIdentityClientId: e.AZURE_CLIENT_ID },
    bot: {
      appId: e.MicrosoftAppId,
      appType,
      tenantId: e.MicrosoftAppTenantId,
      hasPassword: Boolean(e.MicrosoftAppPassword),
    },
    sso: {
      clientId: e.AAD_APP_CLIENT_ID,
      appIdUri: e.AAD_APP_ID_URI,
      // In Azure, sign-in is limited to the bot's own tenant unless a list says otherwise.
      allowedTenantIds: e.AAD_ALLOWED_TENANT_IDS.length || mode === "local" || !e.MicrosoftAppTenantId ? e.AAD_ALLOWED_TENANT_IDS : [e.MicrosoftAppTenantId],
      authorityHost: e.AAD_AUTHORITY_HOST.replace(/\/$/, ""),
      jwksCooldownMs: e.AAD_JWKS_COOLDOWN_MS,
    },
    teamsAppId: e.TEAMS_APP_ID,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === "true" : mode === "local",
    limits: { apiPerMinute: e.API_RATE_LIMIT_PER_MINUTE, authFailuresPerMinute: e.API_AUTH_FAILURES_PER_MINUTE },
  };
}

/** The dev identity (X-Dev-User) is offered only in local mode on loopback, with no Entra app and no bot identity. */
export function devIdentityAllowed(config: Config): boolean {
  return config.mode === "local" && !config.sso.clientId && !config.bot.appId && isLoopback(config.host);
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
