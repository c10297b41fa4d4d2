import { type Community, type CommunityResponse, type Role } from "../../contracts";

export function presentCommunity(c: Community, myRole: Role, myCircleIds: string[], memberCount: number): CommunityResponse {
  const charter = c.charter ? { purpose: c.charter.purpose, goals: c.charter.goals, norms: c.charter.norms, decisionRights: c.charter.decisionRights, cadence: c.charter.cadence, version: c.charter.version, updatedAt: c.charter.updatedAt } : null;
  return {
    id: c.id,
    name: c.name,
    purpose: c.purpose,
    culturalPriorities: c.culturalPriorities,
    values: c.values,
    timeZone: c.timeZone,
    charter,
    myRole,
    myCircleIds,
    memberCount,
  };
}
