/** Runs once before all tests: nothing shared yet beyond a folder for artefacts. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export default async function globalSetup(): Promise<void> {
  mkdirSync(join(__dirname, "..", "..", ".test-artifacts"), { recursive: true });
}
