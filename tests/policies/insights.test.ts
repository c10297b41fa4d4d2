/** Who reads the insights, who takes the quarterly review home, and everyone's own data rights. */
import { ROLES, type Role } from "../../bot/src/contracts";
import { authorize, can, type CommunityActor } from "../../bot/src/policies";

const actor = (role: Role): CommunityActor => ({ tenantId: "t", userId: "u-me", displayName: "Me", communityId: "c", role, circleIds: [] });

describe("insights policy", () => {
  it.each(ROLES)("lets a %s read the insights", (role) => {
    expect(can(actor(role), "insights", "read")).toBe(true);
  });

  it.each([
    ["member", false],
    ["facilitator", true],
    ["lead", true],
    ["sponsor", true],
  ] as const)("export for a %s → %s", (role, expected) => {
    expect(can(actor(role), "insights", "export")).toBe(expected);
  });

  it("refuses a member the export with a 403", () => {
    expect(() => authorize(actor("member"), "insights", "export")).toThrow(expect.objectContaining({ status: 403 }));
  });

  it.each(ROLES)("lets a %s export and erase their own data (sponsors included)", (role) => {
    expect(can(actor(role), "dataRights", "export")).toBe(true);
    expect(can(actor(role), "dataRights", "erase")).toBe(true);
  });
});
