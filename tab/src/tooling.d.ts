/**
 * The root tsconfig resolves modules the Node 10 way (for the CommonJS server), which
 * cannot see the `exports`-only type entries of Vite and its React plugin. These
 * declarations point the type checker at the real files; bundling is unaffected.
 */
declare module "vite" {
  export * from "vite/dist/node/index";
}
declare module "@vitejs/plugin-react" {
  export { default } from "@vitejs/plugin-react/dist/index";
  export * from "@vitejs/plugin-react/dist/index";
}
