/**
 * Builds the Teams app package for one environment: `npm run package -- <env>`.
 *
 * Reads env/.env.<env> (and env/.env.<env>.user), fills every ${{VAR}} in appPackage/manifest.json,
 * validates the result against the official JSON schema that @microsoft/app-manifest ships for the
 * declared manifestVersion, checks the icons, and writes appPackage/build/appPackage.<env>.zip.
 * Value precedence matches the Microsoft 365 Agents Toolkit: a non-empty process environment
 * variable wins over env/.env.<env>, which wins over env/.env.<env>.user.
 *
 * `tsx scripts/package.ts --toolkit-local <env>` is a helper step of m365agents.local.yml (see
 * toolkitLocalUpdates below); it changes nothing on disk.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, relative, resolve } from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import JSZip from "jszip";
import { PNG } from "pngjs";

export const ROOT = resolve(__dirname, "..");

/**
 * The id env/.env.local uses for TEAMS_APP_ID, BOT_ID and AAD_APP_CLIENT_ID so an offline
 * package builds; the Toolkit's local provision replaces it with real ids.
 */
export const PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";
const PLACEHOLDER_ID_VARS = ["TEAMS_APP_ID", "BOT_ID", "AAD_APP_CLIENT_ID", "AAD_APP_OBJECT_ID"] as const;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const ICON_SIZES = { color: 192, outline: 32, color32x32: 32 } as const;

/** An error a developer can fix; the CLI prints the message and exits with code 1. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageError";
  }
}

/** Raised when the manifest asks for variables the environment does not provide; names all of them. */
export class MissingVariablesError extends PackageError {
  constructor(
    readonly names: string[],
    readonly env: string,
  ) {
    super(
      `appPackage/manifest.json needs ${names.length === 1 ? "a value" : "values"} that environment "${env}" does not provide: ${names.join(", ")}.\n` +
        `Set ${names.length === 1 ? "it" : "them"} in env/.env.${env} (or the process environment), or run the Toolkit's provision for "${env}", which writes them.`,
    );
    this.name = "MissingVariablesError";
  }
}

/** Raised when the filled manifest breaks the schema or a Teams rule; lists every problem. */
export class ManifestInvalidError extends PackageError {
  constructor(readonly problems: string[]) {
    super(`The app package is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ManifestInvalidError";
  }
}

export type EnvValues = Record<string, string>;

/** Parses a dotenv file the way the Toolkit does: KEY=value, quotes, # comments, optional `export`. */
export function parseDotenv(text: string): EnvValues {
  const values: EnvValues = {};
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1] ?? "";
    const rest = match[2] ?? "";
    const quote = rest[0];
    let value: string;
    if (quote === '"' || quote === "'" || quote === "`") {
      const end = rest.indexOf(quote, 1);
      value = end > 0 ? rest.slice(1, end) : rest.slice(1);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
    } else {
      value = rest.replace(/\s+#.*$/, "").replace(/^#.*$/, "").trim();
    }
    values[key] = value;
  }
  return values;
}

export interface LoadedEnv {
  /** Merged values: non-empty process environment > env/.env.<env> > env/.env.<env>.user. */
  values: EnvValues;
  /** Files read, relative to the project root. */
  files: string[];
  /** Keys whose value the process environment supplied or overrode. */
  fromProcess: string[];
}

function assertEnvName(env: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new PackageError(`"${env}" is not an environment name; use letters, digits, - or _ (e.g. local, dev).`);
}

/** Loads env/.env.<env> and env/.env.<env>.user, then applies non-empty process environment values. */
export function loadEnvironment(env: string, options: { root?: string; processEnv?: NodeJS.ProcessEnv } = {}): LoadedEnv {
  assertEnvName(env);
  const root = options.root ?? ROOT;
  const processEnv = options.processEnv ?? process.env;
  const envDir = join(root, "env");
  const mainFile = join(envDir, `.env.${env}`);
  if (!existsSync(mainFile)) {
    const known = existsSync(envDir)
      ? readdirSync(envDir)
          .map((f) => /^\.env\.([\w-]+)$/.exec(f)?.[1])
          .filter((f): f is string => Boolean(f))
      : [];
    throw new PackageError(`env/.env.${env} does not exist. Known environments: ${known.join(", ") || "none"}.`);
  }
  const files = [relative(root, mainFile)];
  const values: EnvValues = {};
  const userFile = `${mainFile}.user`;
  if (existsSync(userFile)) {
    files.push(relative(root, userFile));
    Object.assign(values, parseDotenv(readFileSync(userFile, "utf8")));
  }
  // Like the Toolkit: a value in env/.env.<env> wins over the .user file unless it is empty.
  for (const [key, value] of Object.entries(parseDotenv(readFileSync(mainFile, "utf8")))) if (value || !values[key]) values[key] = value;
  const fromProcess: string[] = [];
  for (const [key, value] of Object.entries(processEnv)) {
    if (value && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && values[key] !== value) {
      values[key] = value;
      fromProcess.push(key);
    }
  }
  values.TEAMSFX_ENV = env;
  return { values, files, fromProcess };
}

/** Every ${{VAR}} name used anywhere in a JSON value, in first-seen order. */
export function findPlaceholders(value: unknown): string[] {
  const names: string[] = [];
  walkStrings(value, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) if (m[1] && !names.includes(m[1])) names.push(m[1]);
    return s;
  });
  return names;
}

/**
 * Replaces every ${{VAR}} inside the strings of a parsed JSON value, so values never need JSON
 * escaping. Empty values count as missing: Teams rejects empty ids and URLs.
 */
export function fillPlaceholders<T>(template: T, values: EnvValues): { result: T; missing: string[] } {
  const missing: string[] = [];
  const result = walkStrings(template, (s) =>
    s.replace(PLACEHOLDER, (whole, name: string) => {
      const value = values[name];
      if (value === undefined || value === "") {
        if (!missing.includes(name)) missing.push(name);
        return whole;
      }
      return value;
    }),
  ) as T;
  return { result, missing };
}

function walkStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => walkStrings(v, map));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [map(k), walkStrings(v, map)]));
  }
  return value;
}

/** Folder of the JSON schemas bundled with @microsoft/app-manifest. */
export function schemaRoot(): string {
  return join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");
}

/** The official schema for a manifestVersion ("1.30", "devPreview"), straight from @microsoft/app-manifest. */
export function loadManifestSchema(manifestVersion: string): Record<string, unknown> {
  const folder = manifestVersion === "devPreview" ? "vDevPreview" : `v${manifestVersion}`;
  const file = join(schemaRoot(), folder, "MicrosoftTeams.schema.json");
  if (!/^(devPreview|\d+\.\d+)$/.test(manifestVersion) || !existsSync(file)) {
    const available = readdirSync(schemaRoot())
      .filter((d) => /^v\d/.test(d))
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
      .join(", ");
    throw new PackageError(`@microsoft/app-manifest has no schema for manifestVersion "${manifestVersion}". Available: ${available}.`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

const SUBSCHEMA_MAPS = ["properties", "patternProperties", "definitions", "dependencies"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "items"];
const SUBSCHEMA_SINGLE = ["not", "items", "additionalItems", "additionalProperties"];

/**
 * The Teams schemas declare draft-04; Ajv 8 speaks draft-07. For validation the drafts differ only in
 * `id` (draft-07: `$id`) and boolean `exclusiveMinimum`/`exclusiveMaximum`, so this rewrites those
 * (and drops `$schema`) instead of silently validating against a different meaning.
 */
export function asDraft07(schema: Record<string, unknown>): Record<string, unknown> {
  const visit = (node: unknown): unknown => {
    if (!node || typeof node !== "object" || Array.isArray(node)) return node;
    const out: Record<string, unknown> = { ...(node as Record<string, unknown>) };
    delete out.$schema;
    if (typeof out.id === "string") {
      out.$id = out.id;
      delete out.id;
    }
    for (const [bound, exclusive] of [
      ["minimum", "exclusiveMinimum"],
      ["maximum", "exclusiveMaximum"],
    ] as const) {
      if (typeof out[exclusive] === "boolean") {
        if (out[exclusive] === true) out[exclusive] = out[bound];
        else delete out[exclusive];
        if (out[exclusive] !== undefined) delete out[bound];
      }
    }
    for (const key of SUBSCHEMA_MAPS) {
      const map = out[key];
      if (map && typeof map === "object" && !Array.isArray(map)) {
        out[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, Array.isArray(v) ? v : visit(v)]));
      }
    }
    for (const key of SUBSCHEMA_LISTS) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(visit);
    for (const key of SUBSCHEMA_SINGLE) if (out[key] && typeof out[key] === "object" && !Array.isArray(out[key])) out[key] = visit(out[key]);
    return out;
  };
  return visit(schema) as Record<string, unknown>;
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(manifestVersion: string): ValidateFunction {
  let validate = validators.get(manifestVersion);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(asDraft07(loadManifestSchema(manifestVersion)));
    validators.set(manifestVersion, validate);
  }
  return validate;
}

function formatAjvError(error: ErrorObject): string {
  const where = error.instancePath || "(root)";
  const extra =
    error.keyword === "additionalProperties"
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === "enum"
        ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : "";
  return `${where}: ${error.message ?? error.keyword}${extra}`;
}

/** Schema problems for a filled manifest, against the schema of the version it declares; [] when valid. */
export function validateManifest(manifest: unknown): string[] {
  if (!manifest || typeof manifest !== "object") return ["(root): the manifest is not a JSON object"];
  const m = manifest as Record<string, unknown>;
  if (typeof m.manifestVersion !== "string") return ["/manifestVersion: missing; it selects the schema"];
  const validate = validatorFor(m.manifestVersion);
  const problems = validate(manifest) ? [] : (validate.errors ?? []).map(formatAjvError);
  const schemaUrl = m.$schema;
  const folder = m.manifestVersion === "devPreview" ? "vDevPreview" : `v${m.manifestVersion}`;
  if (typeof schemaUrl === "string" && !schemaUrl.includes(`/${folder}/`)) {
    problems.push(`/$schema: points at ${schemaUrl}, but manifestVersion is ${m.manifestVersion}`);
  }
  return problems;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function asRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => Boolean(v) && typeof v === "object") : [];
}

/**
 * Teams rules the JSON schema cannot express: tab pages and the SSO resource must live on a valid
 * domain, the SSO resource must name the SSO app, and the bot and the extension must be one bot.
 */
export function checkConsistency(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains.map(String) : [];
  const onValidDomain = (where: string, url: unknown) => {
    if (typeof url !== "string") return;
    const host = hostOf(url);
    if (!host) problems.push(`${where}: "${url}" is not a URL`);
    else if (!domains.some((d) => d === host || (d.startsWith("*.") && host.endsWith(d.slice(1))))) {
      problems.push(`${where}: host ${host} is not in validDomains (${domains.join(", ") || "empty"})`);
    }
  };
  asRecords(manifest.staticTabs).forEach((tab, i) => {
    onValidDomain(`/staticTabs/${i}/contentUrl`, tab.contentUrl);
    onValidDomain(`/staticTabs/${i}/websiteUrl`, tab.websiteUrl);
  });
  asRecords(manifest.configurableTabs).forEach((tab, i) => onValidDomain(`/configurableTabs/${i}/configurationUrl`, tab.configurationUrl));
  const sso = manifest.webApplicationInfo as Record<string, unknown> | undefined;
  if (sso && typeof sso.resource === "string") {
    const match = /^api:\/\/([^/]+)\/(?:botid-)?([0-9a-fA-F-]{36})$/.exec(sso.resource);
    if (!match) problems.push(`/webApplicationInfo/resource: "${sso.resource}" should be api://<domain>/<client id>`);
    else {
      if (!domains.includes(match[1] as string)) problems.push(`/webApplicationInfo/resource: domain ${match[1]} is not in validDomains`);
      if (sso.id && match[2] !== sso.id) problems.push(`/webApplicationInfo/resource: names ${match[2]}, but webApplicationInfo.id is ${String(sso.id)}`);
    }
  }
  const botIds = new Set([...asRecords(manifest.bots).map((b) => b.botId), ...asRecords(manifest.composeExtensions).map((c) => c.botId)].filter(Boolean));
  if (botIds.size > 1) problems.push(`/composeExtensions: botId differs from /bots/0/botId; one bot serves both`);
  return problems;
}

/** Icon problems: sizes (colour 192 x 192, outline 32 x 32) and an outline that is white on transparent. */
export function checkIcons(manifest: Record<string, unknown>, packageDir: string): string[] {
  const problems: string[] = [];
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const file = icons[kind];
    if (file === undefined) {
      if (kind !== "color32x32") problems.push(`/icons/${kind}: missing`);
      continue;
    }
    if (typeof file !== "string" || isAbsolute(file) || normalize(file).startsWith("..")) {
      problems.push(`/icons/${kind}: "${String(file)}" must be a file inside appPackage/`);
      continue;
    }
    const path = join(packageDir, file);
    if (!existsSync(path)) {
      problems.push(`/icons/${kind}: ${file} does not exist in appPackage/`);
      continue;
    }
    let png: PNG;
    try {
      png = PNG.sync.read(readFileSync(path));
    } catch (error) {
      problems.push(`/icons/${kind}: ${file} is not a readable PNG (${(error as Error).message})`);
      continue;
    }
    if (png.width !== size || png.height !== size) problems.push(`/icons/${kind}: ${file} is ${png.width}x${png.height}; Teams needs ${size}x${size}`);
    if (kind === "outline") {
      let transparent = 0;
      let coloured = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const alpha = png.data[i + 3] ?? 0;
        if (alpha === 0) transparent++;
        else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
      }
      if (transparent === 0) problems.push(`/icons/outline: ${file} has no transparent pixels; the background must be transparent`);
      if (coloured > 0) problems.push(`/icons/outline: ${file} has ${coloured} visible pixels that are not white`);
    }
  }
  return problems;
}

export interface BuildOptions {
  env: string;
  root?: string;
  processEnv?: NodeJS.ProcessEnv;
  /** Where the zip and the filled manifest go; appPackage/build by default. */
  outDir?: string;
}

export interface BuildResult {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
  envFiles: string[];
  fromProcess: string[];
  /** Variables still holding PLACEHOLDER_ID: the package validates but cannot be installed. */
  placeholderIds: string[];
  bytes: number;
}

/** Fills, validates and zips the manifest for one environment. Throws PackageError subclasses on any problem. */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const root = options.root ?? ROOT;
  const packageDir = join(root, "appPackage");
  const env = loadEnvironment(options.env, { root, processEnv: options.processEnv });
  const template = JSON.parse(readFileSync(join(packageDir, "manifest.json"), "utf8")) as Record<string, unknown>;
  const { result: manifest, missing } = fillPlaceholders(template, env.values);
  if (missing.length) throw new MissingVariablesError(missing, options.env);

  const problems = [...validateManifest(manifest), ...checkConsistency(manifest), ...checkIcons(manifest, packageDir)];
  if (problems.length) throw new ManifestInvalidError(problems);

  const zip = new JSZip();
  const date = new Date(Date.UTC(2000, 0, 1));
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  zip.file("manifest.json", manifestText, { date });
  const icons = manifest.icons as Record<string, string>;
  for (const file of new Set(Object.values(icons))) zip.file(file.replace(/\\/g, "/"), readFileSync(join(packageDir, file)), { date });
  const buffer = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });

  const outDir = options.outDir ?? join(packageDir, "build");
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  const manifestPath = join(outDir, `manifest.${options.env}.json`);
  writeFileSync(zipPath, buffer);
  writeFileSync(manifestPath, manifestText);
  const placeholderIds = PLACEHOLDER_ID_VARS.filter((name) => env.values[name] === PLACEHOLDER_ID && findPlaceholders(template).includes(name));
  const used = findPlaceholders(template);
  const fromProcess = env.fromProcess.filter((name) => used.includes(name));
  return { zipPath, manifestPath, manifest, envFiles: env.files, fromProcess, placeholderIds, bytes: buffer.length };
}

/**
 * Environment updates the Toolkit's local provision needs before it creates anything: the
 * placeholder ids from env/.env.local are cleared (so teamsApp/create, aadApp/create and the bot
 * registration make real ones instead of looking the placeholder up), and TAB_ENDPOINT follows the
 * tunnel's BOT_ENDPOINT, because one origin serves the bot, the API and the tab.
 */
export function toolkitLocalUpdates(values: EnvValues): EnvValues {
  const updates: EnvValues = {};
  for (const name of PLACEHOLDER_ID_VARS) if (values[name] === PLACEHOLDER_ID) updates[name] = "";
  const botEndpoint = values.BOT_ENDPOINT;
  if (botEndpoint && /^https:\/\//i.test(botEndpoint) && values.TAB_ENDPOINT !== botEndpoint) updates.TAB_ENDPOINT = botEndpoint;
  return updates;
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  if (args[0] === "--toolkit-local") {
    const env = args[1] ?? "local";
    const updates = toolkitLocalUpdates(loadEnvironment(env).values);
    // The Toolkit's `script` action reads these lines and updates its environment.
    for (const [name, value] of Object.entries(updates)) console.log(`::set-teamsfx-env ${name}="${value}"`);
    return 0;
  }
  const env = args[0];
  if (!env || env.startsWith("-")) {
    console.error("Usage: npm run package -- <env>   (e.g. local, dev; reads env/.env.<env>)");
    return 1;
  }
  const result = await buildAppPackage({ env });
  const manifest = result.manifest as { name?: { short?: string }; version?: string; manifestVersion?: string };
  console.log(`Read ${result.envFiles.join(" + ")}${result.fromProcess.length ? ` + process environment (${result.fromProcess.join(", ")})` : ""}`);
  console.log(`Manifest valid against the v${manifest.manifestVersion} schema from @microsoft/app-manifest; icons checked`);
  console.log(`Wrote ${relative(ROOT, result.zipPath)} (${result.bytes} bytes): ${manifest.name?.short} ${manifest.version}`);
  if (result.placeholderIds.length) {
    console.log(`Note: ${result.placeholderIds.join(", ")} still hold the placeholder id ${PLACEHOLDER_ID}; provision the environment before uploading this package to Teams.`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof PackageError ? error.message : error);
      process.exit(1);
    },
  );
}
