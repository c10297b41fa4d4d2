import { type Artifact, type ArtifactFields, type Community, SessionSeries } from "../contracts";
import { pickContent } from "../domain/artifacts";
import { type CommandContext } from "./context";
import { DEMO_ARTIFACTS, DEMO_COMMUNITY, type DemoArtifact } from "./demo/content";
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE, DEMO_TEAM_ID, DEMO_TENANT_ID, demoUpn } from "./demo/people";
import { seedDemoBuddies } from "./demo/buddies";
import { seedDemoPractices } from "./demo/practices";
import { demoPreferences, demoThemes, seedDemoRhythm } from "./demo/rhythm";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Creates the demo community on first local run. The community document is written
 * last and marks the seed complete, so a run cut short is finished by the next start
 * (every earlier write is an idempotent upsert) and a finished seed is never repeated.
 */
export async function seedDemoCommunity(ctx: CommandContext): Promise<{ created: boolean }> {
  const { repos, clock } = ctx;
  if (await repos.communities.get(DEMO_COMMUNITY_ID, DEMO_COMMUNITY_ID)) return { created: false };

  const now = clock.now();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const base = { communityId: DEMO_COMMUNITY_ID, tenantId: DEMO_TENANT_ID };

  const members = DEMO_PEOPLE.map((p, i) => ({
    ...base,
    userId: p.userId,
    displayName: p.displayName,
    role: p.role,
    department: p.department,
    title: p.title,
    timeZone: p.timeZone,
    managerId: p.managerId,
    upn: demoUpn(p),
    circleIds: p.circleIds,
    preferences: demoPreferences(p.userId, now),
    joinedAt: at(120 - i * 5),
  }));
  await Promise.all(members.map((m) => repos.members.upsert(m, DEMO_COMMUNITY.name)));

  const names = new Map(DEMO_PEOPLE.map((p) => [p.userId, p.displayName]));
  const artifacts: Artifact[] = DEMO_ARTIFACTS.map((a, i) => ({
    ...base,
    id: `art-demo-${String(i + 1).padStart(2, "0")}`,
    type: a.type,
    title: a.title,
    summary: a.summary,
    ...structure(a),
    priorities: a.priorities,
    topics: a.topics,
    visibility: a.circleId ? "circle" : "community",
    ...(a.circleId ? { circleId: a.circleId } : {}),
    anonymous: a.anonymous ?? false,
    ...(a.reviewInDays !== undefined ? { reviewBy: at(-a.reviewInDays).slice(0, 10) } : {}),
    authorId: a.author,
    authorName: names.get(a.author) ?? a.author,
    openCount: (i * 7) % 23,
    version: 1,
    createdAt: at(a.daysAgo + 2),
    updatedAt: at(a.daysAgo),
    updatedBy: a.author,
    deleted: false,
  }));
  await Promise.all(
    artifacts.map((a) =>
      Promise.all([
        repos.artifacts.collection.upsert(a),
        repos.artifacts.versions.upsert({ artifactId: a.id, communityId: a.communityId, tenantId: a.tenantId, version: 1, editedBy: a.authorId, editedAt: a.createdAt, changed: [], note: "Created", content: pickContent(a) }),
      ]),
    ),
  );

  await seedDemoPractices(ctx);

  const series = [
    {
      ...base,
      id: "ser-demo-checkin",
      kind: "check-in",
      title: "Weekly check-in",
      rrule: "FREQ=WEEKLY;BYDAY=TU",
      startsOn: "2026-09-01T09:00",
      durationMinutes: 30,
      agendaFormat: "open",
      timeZone: DEMO_COMMUNITY.timeZone,
      createdAt: at(100),
    },
    {
      ...base,
      id: "ser-demo-deepdive",
      kind: "deep-dive",
      title: "Monthly deep dive",
      rrule: "FREQ=MONTHLY;BYDAY=1TH",
      startsOn: "2026-09-03T15:00",
      durationMinutes: 60,
      agendaFormat: "standard",
      themes: demoThemes(now),
      timeZone: DEMO_COMMUNITY.timeZone,
      createdAt: at(100),
    },
  ];
  const parsedSeries = series.map((s) => SessionSeries.parse(s));
  await Promise.all(parsedSeries.map((s) => repos.series.upsert(s)));
  await seedDemoRhythm(ctx, parsedSeries);
  await seedDemoBuddies(ctx);

  const lead = DEMO_PEOPLE.find((p) => p.role === "lead")!;
  const community: Community = {
    id: DEMO_COMMUNITY_ID,
    tenantId: DEMO_TENANT_ID,
    name: DEMO_COMMUNITY.name,
    purpose: DEMO_COMMUNITY.purpose,
    culturalPriorities: DEMO_COMMUNITY.culturalPriorities,
    values: DEMO_COMMUNITY.values,
    timeZone: DEMO_COMMUNITY.timeZone,
    charter: { ...DEMO_COMMUNITY.charter, version: 1, updatedAt: at(100), updatedBy: lead.userId },
    createdAt: at(120),
    updatedAt: at(100),
  };
  await repos.directory.linkTeam(DEMO_TENANT_ID, DEMO_TEAM_ID, DEMO_COMMUNITY_ID);
  await repos.communities.create(community);
  ctx.log.info({ communityId: DEMO_COMMUNITY_ID, members: members.length, artifacts: artifacts.length }, "seeded the demo community");
  return { created: true };
}

/** The demo items are written as prose with bold labels; each type's fields are read out of it. */
function structure(a: DemoArtifact): { fields: ArtifactFields; body: string } {
  const labelled = new Map<string, string>();
  for (const m of a.body.matchAll(/\*\*([^*]+?)\.\*\*\s*([^*]*)/g)) labelled.set(m[1]!.toLowerCase(), m[2]!.trim());
  const get = (...labels: string[]) => labels.map((l) => labelled.get(l)).find((v) => v !== undefined) ?? "";
  const lines = a.body.split("\n");
  switch (a.type) {
    case "checklist":
      return { fields: { type: "checklist", items: lines.filter((l) => l.startsWith("- [ ] ")).map((l) => ({ text: l.slice(6).trim() })) }, body: "" };
    case "playbook":
      return { fields: { type: "playbook", steps: lines.filter((l) => /^\d+\. /.test(l)).map((l) => ({ title: l.replace(/^\d+\. /, "").trim(), detail: "" })) }, body: "" };
    case "case-summary":
      return {
        fields: {
          type: "case-summary",
          situation: get("situation"),
          question: get("question for the group"),
          tried: get("what was tried"),
          interventions: get("what the group surfaced"),
          successLooksLike: get("what success looks like"),
          signal: get("signal of success"),
        },
        body: "",
      };
    case "decision-log":
      return {
        fields: { type: "decision-log", decision: get("decision"), context: get("context"), options: get("options").split(/;\s*/).filter(Boolean), rationale: get("rationale"), owner: get("owner") },
        body: "",
      };
    case "reflection":
      return { fields: { type: "reflection", whatHappened: get("what happened"), intended: get("what i intended"), learned: get("what i learned") }, body: "" };
    case "template":
      return { fields: { type: "template", whenToUse: a.summary }, body: a.body };
    case "one-page-summary":
      return { fields: { type: "one-page-summary", keyPoints: [] }, body: a.body };
  }
}
