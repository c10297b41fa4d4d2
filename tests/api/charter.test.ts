/**
 * The charter, the newcomer path and roles through real HTTP against the seeded demo:
 * versions kept on every edit and a stale base version refused with 409, priorities keep
 * their ids (and one still used by practices cannot be removed), acknowledgements counted
 * only from five people, sponsors read and acknowledge but never edit, the last lead is
 * protected, and a role changes what the person may do.
 */
import { DEMO_COMMUNITY_ID } from "../../bot/src/commands/demo/people";
import { ArtifactResponse, CharterVersionView, CharterView, ErrorBody, MemberRoleResponse, MembersView, MeResponse, NewcomerView } from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { asUser, startServer, type TestServer } from "../support/server";

const clock = new ManualClock("2026-11-20T15:00:00Z");
let server: TestServer;
const C = `/api/communities/${DEMO_COMMUNITY_ID}`;
const as = (user: string) => asUser(server.baseUrl, `aad-user-${user}`);
const json = (method: string, body?: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const charter = async (user: string) => CharterView.parse(await (await as(user)(`${C}/charter`)).json());
const people = async (user: string) => MembersView.parse(await (await as(user)(`${C}/members`)).json());
const setRole = (by: string, who: string, role: string) => as(by)(`${C}/members/aad-user-${who}/role`, json("PUT", { role }));

async function error(res: Response, status: number) {
  expect(res.status).toBe(status);
  return ErrorBody.parse(await res.json()).error;
}

beforeAll(async () => {
  server = await startServer({ clock });
});
afterAll(async () => {
  await server.close();
});

describe("the charter", () => {
  it("reads the demo charter at version 1 with its priorities and values, for everyone", async () => {
    const view = await charter("priya");
    expect(view.charter).toMatchObject({ version: 1, updatedByName: "Amara Okafor", note: null });
    expect(view.charter.purpose).toMatch(/^Help every manager here lead a little better/);
    expect(view.charter.norms).toHaveLength(4);
    expect(view.charter.culturalPriorities.map((p) => p.id)).toEqual(["psychological-safety", "inclusive-decisions", "accountability", "feedback"]);
    expect(view.charter.values).toEqual(["Respect", "Curiosity", "Responsibility", "Belonging"]);
    expect(view.versions.map((v) => v.version)).toEqual([1]);
    expect(view.myAcknowledgedVersion).toBeNull();
    expect(view.can).toEqual({ edit: false, acknowledge: true });
    expect((await charter("amara")).can).toEqual({ edit: true, acknowledge: true });
    expect((await charter("grace")).can).toEqual({ edit: false, acknowledge: true });
    expect((await as("nobody")(`${C}/charter`)).status).toBe(401); // not a person the server knows
  });

  it("refuses an edit from a member or a sponsor with 403, and changes nothing", async () => {
    const edit = { baseVersion: 1, norms: ["Anything goes."] };
    expect((await error(await as("priya")(`${C}/charter`, json("PUT", edit)), 403)).message).toMatch(/Only leads change the charter/);
    expect((await error(await as("grace")(`${C}/charter`, json("PUT", edit)), 403)).message).toMatch(/Only leads/);
    expect((await error(await as("jonas")(`${C}/charter`, json("PUT", edit)), 403)).code).toBe("forbidden");
    expect((await charter("priya")).charter.version).toBe(1);
  });

  it("a lead's edit makes version 2, keeps version 1 as it was, renames a priority without changing its id and adds one with a new id", async () => {
    const before = await charter("amara");
    const norms = [...before.charter.norms.slice(0, 3), "Start and end on time."];
    const res = await as("amara")(
      `${C}/charter`,
      json("PUT", {
        baseVersion: 1,
        norms,
        culturalPriorities: [
          { id: "psychological-safety", label: "Safety to speak up" },
          { id: "inclusive-decisions", label: "Inclusive decisions" },
          { id: "accountability", label: "Accountability" },
          { id: "feedback", label: "Feedback" },
          { label: "Well-being at work" },
        ],
        values: [...before.charter.values, "Candour"],
        note: "Added a norm about time and a well-being priority.",
      }),
    );
    expect(res.status).toBe(200);
    const view = CharterView.parse(await res.json());
    expect(view.charter).toMatchObject({ version: 2, norms, note: "Added a norm about time and a well-being priority.", updatedByName: "Amara Okafor", updatedAt: clock.now().toISOString() });
    expect(view.charter.culturalPriorities).toEqual([
      { id: "psychological-safety", label: "Safety to speak up" },
      { id: "inclusive-decisions", label: "Inclusive decisions" },
      { id: "accountability", label: "Accountability" },
      { id: "feedback", label: "Feedback" },
      { id: "well-being-at-work", label: "Well-being at work" },
    ]);
    expect(view.versions.map((v) => [v.version, v.note])).toEqual([
      [2, "Added a norm about time and a well-being priority."],
      [1, null],
    ]);

    const v1 = CharterVersionView.parse(await (await as("priya")(`${C}/charter/versions/1`)).json());
    expect(v1).toMatchObject({ version: 1, current: false, updatedByName: "Amara Okafor" });
    expect(v1.content.norms).toEqual(before.charter.norms);
    expect(v1.content.culturalPriorities).toEqual(before.charter.culturalPriorities);
    expect(v1.content.values).toEqual(before.charter.values);
    const v2 = CharterVersionView.parse(await (await as("grace")(`${C}/charter/versions/2`)).json());
    expect(v2).toMatchObject({ version: 2, current: true });
    expect(await error(await as("priya")(`${C}/charter/versions/3`), 404)).toMatchObject({ code: "not_found" });
    expect((await error(await as("priya")(`${C}/charter/versions/two`), 400)).field).toBe("version");

    // The community's priorities are the charter's: the progress map shows the new label under the same id.
    const map = (await (await as("priya")(`${C}/practices`)).json()) as { priorities: { id: string; label: string }[] };
    expect(map.priorities.find((p) => p.id === "psychological-safety")?.label).toBe("Safety to speak up");
  });

  it("refuses an edit on a stale base version with 409 edit_conflict and a sentence, leaving the newer version in place", async () => {
    const refused = await error(await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 1, purpose: "Something else entirely." })), 409);
    expect(refused.code).toBe("edit_conflict");
    expect(refused.message).toBe("The charter was changed by Amara Okafor since you opened version 1: it is now at version 2. Reload to see that change, then make yours again.");
    const view = await charter("priya");
    expect(view.charter.version).toBe(2);
    expect(view.charter.purpose).toMatch(/^Help every manager/);
    // Saving without a change makes no new version.
    const same = CharterView.parse(await (await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 2, purpose: view.charter.purpose }))).json());
    expect(same.charter.version).toBe(2);
  });

  it("refuses to remove a priority practices still belong to, names them, and allows removing one nobody uses", async () => {
    const view = await charter("amara");
    const without = view.charter.culturalPriorities.filter((p) => p.id !== "psychological-safety");
    const refused = await error(await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 2, culturalPriorities: without })), 400);
    expect(refused.field).toBe("culturalPriorities");
    expect(refused.message).toBe(
      "culturalPriorities: “Safety to speak up” is still the priority of 2 practices: “Blameless incident reviews” and “Monthly 'what I got wrong' share”. Move them to another priority on the progress map first, then remove “Safety to speak up”.",
    );
    const dropped = view.charter.culturalPriorities.filter((p) => p.id !== "well-being-at-work");
    const res = await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 2, culturalPriorities: dropped }));
    expect(res.status).toBe(200);
    expect(CharterView.parse(await res.json()).charter).toMatchObject({ version: 3, culturalPriorities: dropped });
    expect((await error(await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 3, values: ["Respect", "respect"] })), 400)).field).toBe("values");
    expect((await error(await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 3, purpose: "" })), 400)).field).toBe("purpose");
    expect((await error(await as("amara")(`${C}/charter`, json("PUT", { purpose: "No base" })), 400)).field).toBe("baseVersion");
  });
});

describe("acknowledging the charter", () => {
  it("records the version each person read (sponsors too), and counts them only from five people", async () => {
    const first = ["priya", "grace", "diego", "mei"];
    for (const who of first) {
      const res = await as(who)(`${C}/charter/acknowledge`, json("POST", { version: 3 }));
      expect(res.status).toBe(200);
      const view = CharterView.parse(await res.json());
      expect(view.myAcknowledgedVersion).toBe(3);
      expect(view.acknowledgedCount).toBeNull();
      expect(view.acknowledgedCountNote).toMatch(/at least 5 people/);
    }
    // Acknowledging again changes nothing.
    expect(CharterView.parse(await (await as("priya")(`${C}/charter/acknowledge`, json("POST", {}))).json()).acknowledgedCount).toBeNull();
    const fifth = CharterView.parse(await (await as("sam")(`${C}/charter/acknowledge`, json("POST", {}))).json());
    expect(fifth.acknowledgedCount).toBe(5);
    expect(fifth.acknowledgedCountNote).toBeNull();
    expect((await charter("noah")).myAcknowledgedVersion).toBeNull();
    expect((await charter("noah")).acknowledgedCount).toBe(5);
  });

  it("refuses an acknowledgement of a version that is no longer current", async () => {
    const refused = await error(await as("noah")(`${C}/charter/acknowledge`, json("POST", { version: 1 })), 409);
    expect(refused.message).toBe("The charter changed since you opened version 1: it is now at version 3. Read the new version, then acknowledge it.");
    expect((await charter("noah")).myAcknowledgedVersion).toBeNull();
  });

  it("a new version leaves earlier acknowledgements on the old version, and the count starts again", async () => {
    const view = await charter("amara");
    const res = await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 3, cadence: `${view.charter.cadence} Sessions start on the hour.` }));
    expect(CharterView.parse(await res.json()).charter.version).toBe(4);
    const priya = await charter("priya");
    expect(priya.myAcknowledgedVersion).toBe(3);
    expect(priya.acknowledgedCount).toBeNull();
  });
});

describe("the newcomer path", () => {
  it("gives the charter in brief, each series' rhythm, three items everyone may read (most opened first) and the leads and facilitators", async () => {
    const view = NewcomerView.parse(await (await as("olivia")(`${C}/newcomer`)).json());
    expect(view.charter).toMatchObject({ version: 4, myAcknowledgedVersion: null });
    expect(view.charter.norms).toHaveLength(3);
    expect(view.sessions.cadence).toMatch(/Sessions start on the hour\.$/);
    expect(view.sessions.series.map((s) => s.when).sort()).toEqual([
      "Every month on the 1st Thursday at 15:00 (Europe/London), 60 minutes",
      "Every week on Tuesday at 09:00 (Europe/London), 30 minutes",
    ]);
    expect(view.sessions.next).not.toBeNull();
    expect(view.starters).toHaveLength(3);
    for (const starter of view.starters) {
      // The sponsor, in no circle, can open each of them.
      const item = ArtifactResponse.parse(await (await as("grace")(`${C}/artifacts/${starter.id}?track=false`)).json());
      expect(item.visibility).toBe("community");
    }
    expect(view.contacts.map((c) => [c.displayName, c.role])).toEqual([
      ["Amara Okafor", "lead"],
      ["Jonas Weber", "facilitator"],
      ["Mei Lin", "facilitator"],
    ]);
  });
});

describe("people and roles", () => {
  it("lists everyone with role and department only, leads first; only leads may assign", async () => {
    const res = await as("grace")(`${C}/members`);
    const raw = (await res.json()) as { members: Record<string, unknown>[] };
    expect(Object.keys(raw.members[0]!).sort()).toEqual(["department", "displayName", "joinedAt", "role", "title", "userId"]);
    const view = MembersView.parse(raw);
    expect(view.members).toHaveLength(12);
    expect(view.members.map((m) => m.role).slice(0, 3)).toEqual(["lead", "facilitator", "facilitator"]);
    expect(view.members.at(-1)).toMatchObject({ displayName: "Grace Mensah", role: "sponsor" });
    expect(view.can.assignRoles).toBe(false);
    expect((await people("amara")).can.assignRoles).toBe(true);
    expect((await people("jonas")).can.assignRoles).toBe(false);
  });

  it("refuses a sponsor, a facilitator and a member who try to change roles (403)", async () => {
    expect((await error(await setRole("grace", "priya", "lead"), 403)).message).toMatch(/Only leads assign roles/);
    expect((await error(await setRole("jonas", "priya", "facilitator"), 403)).code).toBe("forbidden");
    expect((await error(await setRole("priya", "priya", "lead"), 403)).code).toBe("forbidden");
    expect((await people("amara")).members.find((m) => m.userId === "aad-user-priya")?.role).toBe("member");
  });

  it("protects the last lead", async () => {
    const self = await error(await setRole("amara", "amara", "member"), 409);
    expect(self.message).toBe("You are the community's only lead. Make someone else a lead first, then change your own role.");
    expect((await error(await setRole("amara", "priya", "boss"), 400)).field).toBe("role");
    expect((await error(await setRole("amara", "nobody", "facilitator"), 404)).code).toBe("not_found");
  });

  it("a role changes what the person may do: a facilitator adds practices, a lead edits the charter and assigns roles", async () => {
    const practice = { name: "Walk-and-talk 1:1s", description: "", priority: "feedback" };
    expect((await as("priya")(`${C}/practices`, json("POST", practice))).status).toBe(403);

    let res = await setRole("amara", "priya", "facilitator");
    expect(MemberRoleResponse.parse(await res.json())).toMatchObject({ previousRole: "member", member: { userId: "aad-user-priya", role: "facilitator" } });
    const created = await as("priya")(`${C}/practices`, json("POST", practice));
    expect(created.status).toBe(201);
    const practiceId = ((await created.json()) as { practice: { id: string } }).practice.id;
    // The membership index follows: /api/me says facilitator.
    expect(MeResponse.parse(await (await as("priya")("/api/me")).json()).communities).toEqual([{ id: DEMO_COMMUNITY_ID, name: expect.any(String), role: "facilitator" }]);
    expect((await as("priya")(`${C}/charter`, json("PUT", { baseVersion: 4, goals: ["One goal."] }))).status).toBe(403);

    res = await setRole("amara", "priya", "lead");
    expect(res.status).toBe(200);
    expect((await charter("priya")).can.edit).toBe(true);
    expect((await as("priya")(`${C}/charter`, json("PUT", { baseVersion: 4, note: "Priya's first edit", decisionRights: ["Leads decide together."] }))).status).toBe(200);

    // Two leads now: Priya may make Amara a member, and then Priya is the one protected.
    expect(MemberRoleResponse.parse(await (await setRole("priya", "amara", "member")).json()).member.role).toBe("member");
    expect((await as("amara")(`${C}/charter`, json("PUT", { baseVersion: 5, goals: [] }))).status).toBe(403);
    expect((await error(await setRole("amara", "amara", "lead"), 403)).code).toBe("forbidden");
    expect((await error(await setRole("priya", "priya", "member"), 409)).message).toBe("You are the community's only lead. Make someone else a lead first, then change your own role.");

    // A member made a sponsor by a lead can no longer pilot a practice, but still reads and acknowledges the charter.
    const pilot = { startOn: "2026-11-23", checkBackOn: "2026-12-21", commitment: "Two walking 1:1s" };
    expect((await setRole("priya", "diego", "sponsor")).status).toBe(200);
    expect((await as("diego")(`${C}/charter/acknowledge`, json("POST", {}))).status).toBe(200);
    expect((await error(await as("diego")(`${C}/practices/${practiceId}/pilots`, json("POST", pilot)), 403)).message).toMatch(/Sponsors/);
    expect((await setRole("priya", "diego", "member")).status).toBe(200);
    expect((await as("diego")(`${C}/practices/${practiceId}/pilots`, json("POST", pilot))).status).toBe(201);

    // Back as it was, for whoever reads the demo next.
    expect((await setRole("priya", "amara", "lead")).status).toBe(200);
    expect((await setRole("amara", "priya", "member")).status).toBe(200);
  });
});
