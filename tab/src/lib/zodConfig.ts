/**
 * Zod compiles object parsers with `new Function` when it can, and probes for that as each
 * object schema is built. The tab's Content-Security-Policy has no 'unsafe-eval', so the
 * probe is refused and reported as a CSP violation on every load, inside Teams too.
 * Jitless parsing needs no eval. This must run before any schema is built: main.tsx imports
 * it first, and the build puts it in zod's own chunk (vite.config.mts), which every chunk
 * that builds schemas imports and so runs after.
 */
import { z } from "zod";

z.config({ jitless: true });
