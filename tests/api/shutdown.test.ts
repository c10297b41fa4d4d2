/**
 * The server as App Service runs it: a process that, on SIGTERM, finishes what is in flight,
 * flushes the store and exits 0 — and whose data is on disk afterwards.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_COMMUNITY_ID } from "../../bot/src/commands/demo/people";

const root = join(__dirname, "..", "..");

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

it("drains, flushes the store and exits 0 on SIGTERM", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "circles-sigterm-"));
  const port = await freePort();
  const child = spawn(join(root, "node_modules", ".bin", "tsx"), ["bot/src/main.ts"], { cwd: root, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "silent" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${base}/healthz`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const created = await fetch(`${base}/api/communities/${DEMO_COMMUNITY_ID}/artifacts`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Dev-User": "aad-user-amara" },
      body: JSON.stringify({ title: "Written just before shutdown", fields: { type: "template", whenToUse: "" } }),
    });
    expect(created.status).toBe(201);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/draining requests and flushing the store/);
    expect(readFileSync(join(dataDir, "store.json"), "utf8")).toContain("Written just before shutdown");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 90_000);
