/**
 * `npm start`: build the tab if it is missing or stale, start the server (embedded store,
 * demo community) and the Microsoft 365 Agents Playground against it, print the URLs, and
 * stop every child on Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const port = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const children: ChildProcess[] = [];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function tabIsStale(): boolean {
  const index = join(root, "tab", "dist", "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(root, "tab", "src"), join(root, "bot", "src", "contracts")];
  return sources.some((dir) => newestMtime(dir) > built) || statSync(join(root, "tab", "index.html")).mtimeMs > built;
}

function run(command: string, args: string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed with exit code ${code}`))));
    child.on("error", reject);
  });
}

function startChild(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  children.push(child);
  return child;
}

async function waitForHealth(timeoutMs: number, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("the server stopped during start-up (see its message above)");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s`);
}

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of alive) c.kill("SIGTERM");
    await Promise.race([
      Promise.all(alive.map((c) => new Promise((r) => c.once("exit", r)))),
      new Promise((r) => setTimeout(r, 12_000)),
    ]);
    for (const c of alive) if (c.exitCode === null) c.kill("SIGKILL");
  }
  process.exit(code);
}

async function main(): Promise<void> {
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  if (tabIsStale()) {
    console.log("Building the tab…");
    await run(bin("vite"), ["build", "--config", "tab/vite.config.mts", "--logLevel", "warn"], "The tab build");
  }

  console.log("Starting the server…");
  const server = startChild(bin("tsx"), ["bot/src/main.ts"]);
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`The server stopped (exit code ${code}).`);
      void stopAll(code || 1);
    }
  });
  await waitForHealth(120_000, server);

  if (process.env.PLAYGROUND !== "off") {
    const playground = startChild(bin("agentsplayground"), ["-e", `http://127.0.0.1:${port}/api/messages`, "-c", "msteams", "-p", String(playgroundPort), "--dt"], {
      // The Playground opens no browser of its own and keeps its log out of the repository.
      TEAMSAPPTESTER_BROWSER: "none",
      M365_AGENTS_PLAYGROUND_LOGFILE: join(root, process.env.DATA_DIR ?? ".data", "playground.log"),
    });
    playground.on("exit", (code) => {
      if (!stopping) console.error(`The Agents Playground stopped (exit code ${code}); the server keeps running.`);
    });
  }

  console.log(
    [
      "",
      "Practice Circles is running:",
      `  Tab (demo community)   http://localhost:${port}/`,
      `  Act as someone else    http://localhost:${port}/?devUser=aad-user-jonas   (list: http://localhost:${port}/api/dev/users)`,
      ...(process.env.PLAYGROUND !== "off" ? [`  Agents Playground      http://localhost:${playgroundPort}/   (chat with the bot; try "help" or "next")`] : []),
      `  Move the local clock   POST http://localhost:${port}/api/dev/advance {"to":"<ISO instant>"}   (runs the reminders due by then; see README)`,
      `  Health                 http://localhost:${port}/healthz`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((e: Error) => {
  console.error(`npm start could not finish: ${e.message}`);
  void stopAll(1);
});
