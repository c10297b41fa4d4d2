import { type Role } from "../../bot/src/contracts";
import { authorize, can, type CommunityActor } from "../../bot/src/policies";

const actor = (role: Role, userId = "u-me", circleIds: string[] = []): CommunityActor => ({ tenantId: "t", userId, displayName: "Me", communityId: "c", role, circleIds });

describe("artifact policy", () => {
  const communityItem = { visibility: "community" as const, authorId: "u-other" };
  const myDraft = { visibility: "private" as const, authorId: "u-me" };
  const othersDraft = { visibility: "private" as const, authorId: "u-other" };
  const circleItem = { visibility: "circle" as const, circleId: "circle-1", authorId: "u-other" };

  it.each([
    ["member", communityItem, true],
    ["member", myDraft, true],
    ["member", othersDraft, false],
    ["lead", othersDraft, false],
    ["member", circleItem, false],
    ["lead", circleItem, false],
    ["sponsor", communityItem, true],
  ] as const)("%s reading %o → %s", (role, item, expected) => {
    expect(can(actor(role), "artifact", "read", item)).toBe(expected);
  });

  it("lets circle members read their circle's items, and nobody else's", () => {
    expect(can(actor("member", "u-me", ["circle-1"]), "artifact", "read", circleItem)).toBe(true);
    expect(can(actor("member", "u-me", ["circle-2"]), "artifact", "read", circleItem)).toBe(false);
  });

  it("lets the author, facilitators and leads edit; members and sponsors not", () => {
    expect(can(actor("member"), "artifact", "update", { ...communityItem, authorId: "u-me" })).toBe(true);
    expect(can(actor("member"), "artifact", "update", communityItem)).toBe(false);
    expect(can(actor("facilitator"), "artifact", "update", communityItem)).toBe(true);
    expect(can(actor("lead"), "artifact", "update", communityItem)).toBe(true);
    expect(can(actor("sponsor"), "artifact", "update", communityItem)).toBe(false);
    expect(can(actor("sponsor"), "artifact", "create")).toBe(false);
  });

  it("lets only leads delete", () => {
    expect(can(actor("lead"), "artifact", "delete", communityItem)).toBe(true);
    expect(can(actor("facilitator"), "artifact", "delete", communityItem)).toBe(false);
  });

  it("authorize throws a 403 naming the refused action", () => {
    expect(() => authorize(actor("sponsor"), "community", "update")).toThrow(expect.objectContaining({ status: 403, code: "forbidden", message: expect.stringMatching(/update this community/) }));
    expect(() => authorize(actor("lead"), "community", "update")).not.toThrow();
  });
});
