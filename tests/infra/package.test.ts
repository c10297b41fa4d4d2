import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { PNG } from "pngjs";
import { renderColorIcon, renderOutlineIcon } from "../../scripts/icons";
import {
  MissingVariablesError,
  PLACEHOLDER_ID,
  ROOT,
  asDraft07,
  buildAppPackage,
  checkConsistency,
  checkIcons,
  fillPlaceholders,
  findPlaceholders,
  loadEnvironment,
  loadManifestSchema,
  parseDotenv,
  schemaRoot,
  toolkitLocalUpdates,
  validateManifest,
} from "../../scripts/package";

const run = promisify(execFile);
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pc-package-"));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway project root with the real appPackage/ and the given env file. */
function projectWith(envName: string, envText: string): string {
  const root = tempDir();
  mkdirSync(join(root, "appPackage"));
  mkdirSync(join(root, "env"));
  for (const f of ["manifest.json", "color.png", "outline.png"]) copyFileSync(join(ROOT, "appPackage", f), join(root, "appPackage", f));
  writeFileSync(join(root, "env", `.env.${envName}`), envText);
  return root;
}

function template(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, "appPackage", "manifest.json"), "utf8")) as Record<string, unknown>;
}

async function unzip(path: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(path));
}

describe("npm run package -- local", () => {
  it("exits 0 and writes appPackage/build/appPackage.local.zip", async () => {
    const { stdout } = await run("npm", ["run", "--silent", "package", "--", "local"], { cwd: ROOT, env: { ...process.env, npm_config_loglevel: "error" } });
    expect(stdout).toContain("appPackage/build/appPackage.local.zip");
    expect(existsSync(join(ROOT, "appPackage", "build", "appPackage.local.zip"))).toBe(true);
  });

  it("produces a zip whose manifest validates against the schema of its manifestVersion", async () => {
    const out = tempDir();
    const result = await buildAppPackage({ env: "local", processEnv: {}, outDir: out });
    const zip = await unzip(result.zipPath);
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const text = await zip.file("manifest.json")!.async("string");
    expect(text).not.toContain("${{");
    const manifest = JSON.parse(text) as Record<string, unknown>;
    expect(validateManifest(manifest)).toEqual([]);
    expect(existsSync(join(schemaRoot(), `v${String(manifest.manifestVersion)}`, "MicrosoftTeams.schema.json"))).toBe(true);
    expect(manifest.manifestVersion).not.toBe("devPreview");
    const color = PNG.sync.read(await zip.file("color.png")!.async("nodebuffer"));
    const outline = PNG.sync.read(await zip.file("outline.png")!.async("nodebuffer"));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect(result.placeholderIds).toEqual(["TEAMS_APP_ID", "BOT_ID", "AAD_APP_CLIENT_ID"]);
  });

  it("fills the bot, extension, tabs and SSO from the environment", async () => {
    const result = await buildAppPackage({ env: "local", processEnv: { BOT_ID: "11111111-2222-3333-4444-555555555555", BOT_DOMAIN: "circles.example.net", TAB_ENDPOINT: "https://circles.example.net" }, outDir: tempDir() });
    const m = result.manifest as {
      bots: { botId: string }[];
      composeExtensions: { botId: string; messageHandlers: { value: { domains: string[] } }[] }[];
      staticTabs: { contentUrl?: string }[];
      webApplicationInfo: { id: string; resource: string };
      validDomains: string[];
    };
    expect(m.bots[0]?.botId).toBe("11111111-2222-3333-4444-555555555555");
    expect(m.composeExtensions[0]?.botId).toBe("11111111-2222-3333-4444-555555555555");
    expect(m.composeExtensions[0]?.messageHandlers[0]?.value.domains).toEqual(["circles.example.net"]);
    expect(m.staticTabs[0]?.contentUrl).toBe(`https://circles.example.net/?inTeams=1&clientId=${PLACEHOLDER_ID}`);
    expect(m.webApplicationInfo).toEqual({ id: PLACEHOLDER_ID, resource: `api://circles.example.net/${PLACEHOLDER_ID}` });
    expect(m.validDomains).toEqual(["circles.example.net"]);
    expect(result.fromProcess.sort()).toEqual(["BOT_DOMAIN", "BOT_ID", "TAB_ENDPOINT"]);
  });
});

describe("missing variables", () => {
  it("names every missing or empty variable in one error", async () => {
    const root = projectWith(
      "partial",
      ["TEAMS_APP_ID=11111111-2222-3333-4444-555555555555", "BOT_ID=", "TAB_ENDPOINT=https://x.example.net", "PUBLISHER_NAME=Contoso", "PUBLISHER_WEBSITE_URL=https://contoso.example", "PRIVACY_URL=https://contoso.example/p", "TERMS_OF_USE_URL=https://contoso.example/t"].join("\n"),
    );
    const attempt = buildAppPackage({ env: "partial", root, processEnv: {} });
    await expect(attempt).rejects.toBeInstanceOf(MissingVariablesError);
    const error = (await attempt.catch((e: unknown) => e)) as MissingVariablesError;
    expect(error.names.sort()).toEqual(["AAD_APP_CLIENT_ID", "BOT_DOMAIN", "BOT_ID"]);
    for (const name of error.names) expect(error.message).toContain(name);
    expect(readdirSync(join(root, "appPackage"))).not.toContain("build");
  });

  it("exits 1 with a readable message from the command line", async () => {
    const failure = await run("npx", ["--no-install", "tsx", "scripts/package.ts", "no-such-env"], { cwd: ROOT }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("env/.env.no-such-env does not exist");
  });
});

describe("schema validation", () => {
  it("rejects a manifest that breaks the official schema, naming the paths", () => {
    const filled = fillPlaceholders(template(), loadEnvironment("local", { processEnv: {} }).values).result as Record<string, unknown>;
    delete filled.developer;
    (filled.bots as { botId: string }[])[0]!.botId = "not-a-guid";
    const problems = validateManifest(filled);
    expect(problems.some((p) => p.includes("developer"))).toBe(true);
    expect(problems.some((p) => p.startsWith("/bots/0/botId"))).toBe(true);
  });

  it("rejects a $schema URL that disagrees with manifestVersion", () => {
    const filled = fillPlaceholders(template(), loadEnvironment("local", { processEnv: {} }).values).result as Record<string, unknown>;
    filled.$schema = "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json";
    expect(validateManifest(filled)).toEqual([expect.stringContaining("/$schema")]);
  });

  it("refuses a manifestVersion that @microsoft/app-manifest does not ship", () => {
    expect(() => loadManifestSchema("9.99")).toThrow(/no schema for manifestVersion "9.99"/);
  });

  it("rewrites the draft-04 constructs Ajv's draft-07 mode reads differently", () => {
    const converted = asDraft07({
      $schema: "http://json-schema.org/draft-04/schema#",
      id: "urn:x",
      properties: { n: { type: "number", minimum: 1, exclusiveMinimum: true }, id: { type: "string" } },
    });
    expect(converted).toEqual({ $id: "urn:x", properties: { n: { type: "number", exclusiveMinimum: 1 }, id: { type: "string" } } });
  });

  it("checks Teams rules the schema cannot: tab hosts and the SSO resource", () => {
    const filled = fillPlaceholders(template(), loadEnvironment("local", { processEnv: {} }).values).result as Record<string, unknown>;
    expect(checkConsistency(filled)).toEqual([]);
    filled.validDomains = ["other.example.net"];
    const problems = checkConsistency(filled);
    expect(problems.some((p) => p.startsWith("/staticTabs/0/contentUrl"))).toBe(true);
    expect(problems.some((p) => p.startsWith("/webApplicationInfo/resource"))).toBe(true);
  });
});

describe("icons", () => {
  const manifest = { icons: { color: "color.png", outline: "outline.png" } };
  let color: PNG;
  let outline: PNG;

  beforeAll(() => {
    color = renderColorIcon();
    outline = renderOutlineIcon();
  });

  function copy(png: PNG): PNG {
    const clone = new PNG({ width: png.width, height: png.height });
    png.data.copy(clone.data);
    return clone;
  }

  function writeIcons(color: PNG, outline: PNG): string {
    const dir = tempDir();
    writeFileSync(join(dir, "color.png"), PNG.sync.write(color));
    writeFileSync(join(dir, "outline.png"), PNG.sync.write(outline));
    return dir;
  }

  it("accepts the committed icons", () => {
    expect(checkIcons(manifest, join(ROOT, "appPackage"))).toEqual([]);
  });

  it("keeps the committed icons reproducible from scripts/icons.ts", () => {
    expect(PNG.sync.read(readFileSync(join(ROOT, "appPackage", "color.png"))).data.equals(color.data)).toBe(true);
    expect(PNG.sync.read(readFileSync(join(ROOT, "appPackage", "outline.png"))).data.equals(outline.data)).toBe(true);
  });

  it("rejects wrong sizes", () => {
    const dir = writeIcons(renderColorIcon(100), renderOutlineIcon(48));
    const problems = checkIcons(manifest, dir);
    expect(problems).toEqual([expect.stringContaining("192x192"), expect.stringContaining("32x32")]);
  });

  it("rejects an outline with coloured pixels or no transparency", () => {
    const tinted = copy(outline);
    tinted.data[(16 * 32 + 2) * 4] = 10;
    tinted.data[(16 * 32 + 2) * 4 + 3] = 255;
    expect(checkIcons(manifest, writeIcons(color, tinted))).toEqual([expect.stringContaining("not white")]);
    const opaque = copy(outline);
    for (let i = 3; i < opaque.data.length; i += 4) opaque.data[i] = 255;
    expect(checkIcons(manifest, writeIcons(color, opaque))).toEqual([expect.stringContaining("no transparent pixels")]);
  });

  it("rejects an icon path outside appPackage/ or a missing file", () => {
    expect(checkIcons({ icons: { color: "../color.png", outline: "nope.png" } }, join(ROOT, "appPackage"))).toEqual([
      expect.stringContaining("inside appPackage"),
      expect.stringContaining("does not exist"),
    ]);
  });
});

describe("environment files", () => {
  it("parses dotenv lines like the Toolkit", () => {
    expect(parseDotenv(['# comment', "export A=1", 'B="two # not a comment"', "C='x'", "D=plain # trailing", "E=", "  F = spaced  "].join("\n"))).toEqual({
      A: "1",
      B: "two # not a comment",
      C: "x",
      D: "plain",
      E: "",
      F: "spaced",
    });
  });

  it("prefers process env, then .env.<env>, then .env.<env>.user for empty values", () => {
    const root = projectWith("t", "A=file\nB=\nC=file\n");
    writeFileSync(join(root, "env", ".env.t.user"), "A=user\nB=user\nSECRET_X=s\n");
    const { values, files, fromProcess } = loadEnvironment("t", { root, processEnv: { C: "process", D: "" } });
    expect([values.A, values.B, values.C, values.D, values.SECRET_X, values.TEAMSFX_ENV]).toEqual(["file", "user", "process", undefined, "s", "t"]);
    expect(files).toEqual(["env/.env.t", "env/.env.t.user"]);
    expect(fromProcess).toEqual(["C"]);
  });

  it("lists the placeholders the manifest needs", () => {
    expect(findPlaceholders(template()).sort()).toEqual(
      ["AAD_APP_CLIENT_ID", "BOT_DOMAIN", "BOT_ID", "PRIVACY_URL", "PUBLISHER_NAME", "PUBLISHER_WEBSITE_URL", "TAB_ENDPOINT", "TEAMS_APP_ID", "TERMS_OF_USE_URL"].sort(),
    );
  });

  it("tells the Toolkit's local provision to drop placeholder ids and follow the tunnel", () => {
    expect(toolkitLocalUpdates({ TEAMS_APP_ID: PLACEHOLDER_ID, BOT_ID: PLACEHOLDER_ID, AAD_APP_CLIENT_ID: "real", BOT_ENDPOINT: "https://abc.devtunnels.ms", TAB_ENDPOINT: "http://localhost:3978" })).toEqual({
      TEAMS_APP_ID: "",
      BOT_ID: "",
      TAB_ENDPOINT: "https://abc.devtunnels.ms",
    });
    expect(toolkitLocalUpdates({ TEAMS_APP_ID: "real", BOT_ENDPOINT: "http://localhost:3978", TAB_ENDPOINT: "http://localhost:3978" })).toEqual({});
  });
});
