/**
 * Builds the tab into tab/dist. The server serves it from `/`, on the same origin as
 * the API, so no proxy or base URL is needed. Libraries that change rarely get their
 * own chunks so a deploy of our code does not bust their cache; the scenes and the
 * Teams SDKs are loaded on demand (React.lazy / dynamic import).
 */
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // Fluent is split by first use: what the shell paints first is one long-cached chunk; the rest (dialogs,
            // tabs, the editor's inputs) is left to Rolldown to put next to the lazy views that use it.
            { name: "fluent", test: /[\\/]node_modules[\\/](@fluentui|@griffel|tabster|keyborg|stylis|rtl-css-js|@floating-ui|@swc[\\/]helpers)[\\/]/, tags: ["$initial"], priority: 2 },
            // The Markdown parser: only with an item's notes or the editor's preview.
            { name: "markdown", test: /[\\/]node_modules[\\/](react-markdown|remark-|rehype-|mdast-|micromark|hast-|unist-|unified|vfile|property-information|space-separated-tokens|comma-separated-tokens|html-url-attributes|decode-named-character-reference|character-entities|trim-lines|ccount|escape-string-regexp|markdown-table|longest-streak|zwitch|bail|devlop|is-plain-obj|trough|estree-util-is-identifier-name|style-to-js|style-to-object|inline-style-parser)/, priority: 3 },
            // With zod, its jitless switch (lib/zodConfig.ts): that chunk runs before any chunk that builds a schema.
            { name: "zod", test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]tab[\\/]src[\\/]lib[\\/]zodConfig\.ts$/, priority: 1 },
            // Only ever loaded inside Teams, on demand; teamsfx only when SSO goes through it.
            { name: "teams-js", test: /[\\/]node_modules[\\/]@microsoft[\\/]teams-js[\\/]/, priority: 5 },
            { name: "teamsfx", test: /[\\/]node_modules[\\/](@microsoft[\\/]teamsfx|@azure[\\/]msal-|axios|jwt-decode)/, priority: 4 },
          ],
        },
      },
    },
  },
});
