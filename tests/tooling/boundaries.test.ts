/**
 * The import boundaries of docs/ARCHITECTURE are enforced by `npm run lint`: a file that
 * crosses one fails. Checked with ESLint's API on the real config, file by file.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

const DENIED: [string, string][] = [
  ["bot/src/domain/x.ts", 'import express from "express";\nexport const x = express;'],
  ["bot/src/domain/x.ts", 'import { CosmosClient } from "@azure/cosmos";\nexport const x = CosmosClient;'],
  ["bot/src/commands/x.ts", 'import { CloudAdapter } from "botbuilder";\nexport const x = CloudAdapter;'],
  ["bot/src/api/x.ts", 'import { CosmosClient } from "@azure/cosmos";\nexport const x = CosmosClient;'],
  ["bot/src/api/x.ts", 'import { createBotEndpoint } from "../teams";\nexport const x = createBotEndpoint;'],
  ["bot/src/contracts/x.ts", 'import { DateTime } from "luxon";\nexport const x = DateTime;'],
  ["tab/src/x.ts", 'import { listArtifacts } from "../../bot/src/commands/artifactLister";\nexport const x = listArtifacts;'],
  ["tab/src/scenes/x.ts", 'import { TeamsUserCredential } from "@microsoft/teamsfx";\nexport const x = TeamsUserCredential;'],
];
const ALLOWED: [string, string][] = [
  ["bot/src/store/x.ts", 'import { CosmosClient } from "@azure/cosmos";\nexport const x = CosmosClient;'],
  ["bot/src/teams/x.ts", 'import { CloudAdapter } from "botbuilder";\nexport const x = CloudAdapter;'],
  ["bot/src/domain/x.ts", 'import { RRule } from "rrule";\nexport const x = RRule;'],
  ["tab/src/teams/x.ts", 'import { TeamsUserCredential } from "@microsoft/teamsfx";\nexport const x = TeamsUserCredential;'],
  ["tab/src/x.ts", 'import { ArtifactView } from "../../bot/src/contracts";\nexport const x = ArtifactView;'],
];

// ESLint loads its flat config with import(), which Jest's module sandbox cannot do: lint in a child process.
const LINT = `
const { ESLint } = require("eslint");
const cases = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const [file, code] of cases) {
    const [r] = await eslint.lintText(code, { filePath: require("path").join(process.cwd(), file) });
    out.push(r.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message));
  }
  console.log(JSON.stringify(out));
})();`;
const results: string[][] = JSON.parse(execFileSync(process.execPath, ["-e", LINT, JSON.stringify([...DENIED, ...ALLOWED])], { cwd: root, encoding: "utf8" }));
const boundaryErrors = async (file: string, code: string) => results[[...DENIED, ...ALLOWED].findIndex(([f, c]) => f === file && c === code)]!;

it.each(DENIED)("%s may not import that: %s", async (file, code) => {
  expect(await boundaryErrors(file, code)).not.toEqual([]);
});

it.each(ALLOWED)("%s may import that: %s", async (file, code) => {
  expect(await boundaryErrors(file, code)).toEqual([]);
});
