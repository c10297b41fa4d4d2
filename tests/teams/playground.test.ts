/**
 * The Agents Playground's mock Teams context must describe the demo community's people,
 * so what someone does in the Playground shows in the tab. The Playground itself checks
 * the file's schema at start (exactly five `users` besides `currentUser`); this checks
 * that it agrees with the seed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_PEOPLE, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";

const yml = readFileSync(join(__dirname, "..", "..", ".m365agentsplayground.yml"), "utf8");
const field = (name: string) => [...yml.matchAll(new RegExp(`^\\s*(?:- )?${name}: (.+)$`, "gm"))].map((m) => m[1]!.trim().replace(/^"(.*)"$/, "$1"));

describe(".m365agentsplayground.yml", () => {
  it("uses the config format the installed Playground reads", () => {
    expect(field("version")).toEqual(["0.1.1"]);
  });

  it("is the demo tenant", () => {
    expect(field("tenantId")).toEqual([DEMO_TENANT_ID]);
  });

  it("signs in as the demo community's lead, with five other demo members", () => {
    const ids = field("aadObjectId");
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    const byId = new Map(DEMO_PEOPLE.map((p) => [p.userId, p]));
    for (const id of ids) expect(byId.has(id)).toBe(true);
    expect(byId.get(ids[0]!)?.role).toBe("lead");
  });

  it("names each person as the seed does", () => {
    const lines = yml.split("\n");
    const pairs = lines.flatMap((line, i) => {
      const id = /aadObjectId: (.+)$/.exec(line)?.[1]?.trim();
      if (!id) return [];
      const nameLine = lines.slice(0, i).reverse().find((l) => /^\s*(?:- )?name: /.test(l));
      return [[id, nameLine?.replace(/^\s*(?:- )?name: /, "").trim()]];
    });
    expect(pairs).toHaveLength(6);
    for (const [id, name] of pairs) expect(name).toBe(DEMO_PEOPLE.find((p) => p.userId === id)?.displayName);
  });
});
