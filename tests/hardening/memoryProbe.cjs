/**
 * Test-only, for soak.test.ts: loaded into the server's process with `node --expose-gc
 * --require`. On SIGUSR2 it runs a full garbage collection and writes the process's memory
 * as one JSON line to stderr, so the test can compare live memory rather than whatever the
 * collector had not got round to yet. The server itself knows nothing of it.
 */
/* global process, global */
process.on("SIGUSR2", () => {
  if (typeof global.gc === "function") global.gc();
  const m = process.memoryUsage();
  process.stderr.write(`${JSON.stringify({ memoryProbe: { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, at: Date.now() } })}\n`);
});
