import { type BuddyRound, type PeerCircle } from "../../contracts";
import { type CommandContext } from "../context";
import { DEMO_CIRCLES, DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "./people";

const DAY = 24 * 60 * 60 * 1000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The demo's two confidential peer circles, named and with their accountability pairs, and
 * one finished buddy round (a month ago), so the matcher has history to avoid repeating.
 */
export async function seedDemoBuddies(ctx: CommandContext): Promise<void> {
  const now = ctx.clock.now().getTime();
  const at = new Date(now - 45 * DAY).toISOString();
  const base = { communityId: DEMO_COMMUNITY_ID, tenantId: DEMO_TENANT_ID, createdAt: at, updatedAt: at };
  const circles: PeerCircle[] = [
    { ...base, id: DEMO_CIRCLES.harbour, name: "Harbour circle", buddyPairs: [["aad-user-amara", "aad-user-priya"], ["aad-user-jonas", "aad-user-mei"], ["aad-user-diego", "aad-user-sam"]] },
    { ...base, id: DEMO_CIRCLES.lighthouse, name: "Lighthouse circle", buddyPairs: [["aad-user-fatima", "aad-user-noah"], ["aad-user-aiko", "aad-user-lucas", "aad-user-olivia"]] },
  ];
  const start = now - 35 * DAY;
  const round: BuddyRound = {
    id: "rnd-demo-1",
    communityId: DEMO_COMMUNITY_ID,
    tenantId: DEMO_TENANT_ID,
    status: "published",
    seed: 1,
    groups: [
      ["aad-user-amara", "aad-user-aiko"],
      ["aad-user-jonas", "aad-user-fatima"],
      ["aad-user-priya", "aad-user-lucas"],
      ["aad-user-diego", "aad-user-mei"],
      ["aad-user-sam", "aad-user-noah", "aad-user-olivia"],
    ].map((memberIds, i) => ({ id: `grp-${i + 1}`, memberIds, reasons: ["different departments", "never paired before", "outside each other's reporting line"], relaxed: [] })),
    unmatched: [],
    relaxed: [],
    sprint: { startsOn: date(start), midOn: date(start + 7 * DAY), endsOn: date(start + 13 * DAY) },
    createdBy: "aad-user-jonas",
    createdAt: new Date(start - DAY).toISOString(),
    publishedAt: new Date(start - DAY).toISOString(),
    updatedAt: new Date(start - DAY).toISOString(),
  };
  await Promise.all([...circles.map((c) => ctx.repos.buddies.circles.upsert(c)), ctx.repos.buddies.rounds.upsert(round)]);
}
