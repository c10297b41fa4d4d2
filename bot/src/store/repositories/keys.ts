import { createHash } from "node:crypto";

/**
 * Directory keys hash the Teams ids they are built from: Teams conversation ids carry
 * characters Cosmos refuses in ids (`/`, `?`, `#`), and the hash keeps keys short.
 */
export function directoryKey(kind: "team" | "user" | "conv" | "personal" | "channel", ...parts: string[]): string {
  return `${kind}:${createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 40)}`;
}
