// Import boundaries from docs/ARCHITECTURE.md: a break fails `npm run lint`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (files, patterns, message) => ({
  files,
  rules: {
    "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group, `${group}/*`], message })) }],
  },
});

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "tab/dist/", ".data/", ".test-artifacts/", "appPackage/build/", "coverage/", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  restrict(["bot/src/contracts/**"], ["botbuilder", "botframework-*", "@azure/*", "express", "react", "luxon", "rrule", "../*"], "contracts/ imports zod only."),
  restrict(
    ["bot/src/domain/**"],
    ["botbuilder", "botframework-*", "@azure/*", "express", "react", "react-dom", "@fluentui/*", "@microsoft/*", "jose", "pino", "fs", "node:*", "../store", "../api", "../teams", "../jobs", "../commands", "../policies"],
    "domain/ is pure: only contracts and small pure libraries (rrule, luxon).",
  ),
  restrict(["bot/src/policies/**"], ["botbuilder", "botframework-*", "@azure/*", "express", "../store", "../api", "../teams", "../jobs", "../commands"], "policies/ uses domain and contracts only."),
  restrict(["bot/src/commands/**"], ["botbuilder", "botframework-*", "@azure/cosmos", "express", "../api", "../teams", "../jobs"], "commands/ uses domain, store interfaces and policies."),
  restrict(["bot/src/api/**"], ["botbuilder", "botframework-*", "@azure/cosmos", "@microsoft/teamsfx", "../teams", "../jobs"], "api/ uses commands and contracts; botbuilder lives in teams/, @azure/cosmos in store/."),
  restrict(["bot/src/jobs/**"], ["botbuilder", "botframework-*", "@azure/cosmos", "express", "../api"], "jobs/ uses commands and store; delivery goes through teams/."),
  restrict(["bot/src/store/**"], ["botbuilder", "botframework-*", "express", "react", "../api", "../teams", "../jobs", "../commands"], "store/ knows nothing of HTTP or Teams."),
  restrict(["bot/src/main.ts", "bot/src/config.ts"], ["@azure/cosmos"], "@azure/cosmos stays inside bot/src/store/."),
  restrict(["bot/src/teams/**"], ["@azure/cosmos", "express", "../api"], "teams/ uses commands and contracts; storage goes through commands."),
  // One rule per file set: in flat config a later block's rule replaces an earlier one, it does not add to it.
  ...[
    { files: ["tab/src/teams/**"], teamsfx: false },
    { files: ["tab/src/**"], ignores: ["tab/src/teams/**"], teamsfx: true },
  ].map(({ files, ignores, teamsfx }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["botbuilder", "botframework-*", "@azure/cosmos", "express"], message: "the tab imports only bot/src/contracts from the server." },
            // A regex: glob patterns do not match relative paths that climb out with ../
            { regex: "(^|/)bot/src/(?!contracts(/|$))", message: "the tab imports only bot/src/contracts from the server." },
            ...(teamsfx ? [{ group: ["@microsoft/teamsfx", "@microsoft/teamsfx/*", "@microsoft/teams-js", "@microsoft/teams-js/*"], message: "@microsoft/teams-js and @microsoft/teamsfx stay inside tab/src/teams/." }] : []),
          ],
        },
      ],
    },
  })),

);
