import fc from "fast-check";
import { ROLES } from "../../bot/src/contracts";
import { can, type CommunityActor } from "../../bot/src/policies";

const CIRCLES = ["circle-1", "circle-2", "circle-3", "circle-4"];
const USERS = ["u-1", "u-2", "u-3"];

const arbActor = fc.record({
  tenantId: fc.constant("t"),
  userId: fc.constantFrom(...USERS),
  displayName: fc.constant("Someone"),
  communityId: fc.constant("c"),
  role: fc.constantFrom(...ROLES),
  circleIds: fc.uniqueArray(fc.constantFrom(...CIRCLES), { maxLength: CIRCLES.length }),
}) satisfies fc.Arbitrary<CommunityActor>;

const arbCircleItem = fc.record({
  visibility: fc.constant("circle" as const),
  circleId: fc.constantFrom(...CIRCLES),
  // The author may be the actor themself: authorship does not open a circle to someone who left it.
  authorId: fc.constantFrom(...USERS),
});

describe("peer circle confidentiality", () => {
  it("circle-only content never reaches a non-member of that circle, whatever the role (lead and sponsor included)", () => {
    fc.assert(
      fc.property(arbActor, arbCircleItem, (actor, item) => {
        const member = actor.circleIds.includes(item.circleId);
        expect(can(actor, "artifact", "read", item)).toBe(member);
        if (!member) {
          expect(can(actor, "artifact", "update", item)).toBe(false);
          expect(can(actor, "artifact", "delete", item)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a circle item without a circle id reaches nobody", () => {
    fc.assert(
      fc.property(arbActor, fc.constantFrom(...USERS), (actor, authorId) => {
        expect(can(actor, "artifact", "read", { visibility: "circle", authorId })).toBe(false);
      }),
    );
  });
});
