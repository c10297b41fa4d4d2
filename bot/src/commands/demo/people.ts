import { type Role } from "../../contracts";

/** The demo tenant and community: fixed ids so the Playground, the tab and tests agree. */
/** A GUID, as every Entra tenant id is (the API's token check requires one). */
export const DEMO_TENANT_ID = "3c9e2f7a-5d41-4b8c-9e26-d3e0c1a5e001";
export const DEMO_COMMUNITY_ID = "com-demo";
/** The Agents Playground's team (.m365agentsplayground.yml), linked to the demo community. */
export const DEMO_TEAM_ID = "19:demo-harbour-managers@thread.tacv2";

export interface DemoPerson {
  userId: string;
  displayName: string;
  role: Role;
  department: string;
  title: string;
  timeZone: string;
  managerId?: string;
  circleIds: string[];
}

/** The demo's sign-in names, as the Agents Playground's config gives them (first.last@example.com). */
export const demoUpn = (p: Pick<DemoPerson, "displayName">) => `${p.displayName.toLowerCase().replace(/ /g, ".")}@example.com`;

/** Two confidential peer circles of five or six, each mixing departments. */
export const DEMO_CIRCLES = { harbour: "circle-harbour", lighthouse: "circle-lighthouse" };

/**
 * Twelve managers in four departments and several time zones. The first three are the
 * Agents Playground's users (see .m365agentsplayground.yml), so what you do there shows in the tab.
 */
export const DEMO_PEOPLE: DemoPerson[] = [
  { userId: "aad-user-amara", displayName: "Amara Okafor", role: "lead", department: "Operations", title: "Head of Fulfilment", circleIds: [DEMO_CIRCLES.harbour], timeZone: "Europe/London" },
  { userId: "aad-user-jonas", displayName: "Jonas Weber", role: "facilitator", department: "Engineering", title: "Engineering Manager, Payments", circleIds: [DEMO_CIRCLES.harbour], timeZone: "Europe/Berlin" },
  { userId: "aad-user-priya", displayName: "Priya Raman", role: "member", department: "Customer Success", title: "Team Lead, Enterprise Support", circleIds: [DEMO_CIRCLES.harbour], timeZone: "Asia/Kolkata" },
  { userId: "aad-user-diego", displayName: "Diego Alvarez", role: "member", department: "Operations", title: "Warehouse Shift Manager", circleIds: [DEMO_CIRCLES.harbour], timeZone: "Europe/Madrid", managerId: "aad-user-amara" },
  { userId: "aad-user-mei", displayName: "Mei Lin", role: "facilitator", department: "Finance", title: "Controller", circleIds: [DEMO_CIRCLES.harbour], timeZone: "Asia/Singapore" },
  { userId: "aad-user-sam", displayName: "Sam Whitaker", role: "member", department: "Engineering", title: "Engineering Manager, Mobile", circleIds: [DEMO_CIRCLES.harbour], timeZone: "America/New_York", managerId: "aad-user-jonas" },
  { userId: "aad-user-fatima", displayName: "Fatima Haddad", role: "member", department: "Customer Success", title: "Onboarding Manager", circleIds: [DEMO_CIRCLES.lighthouse], timeZone: "Europe/Paris" },
  { userId: "aad-user-noah", displayName: "Noah Brennan", role: "member", department: "Finance", title: "FP&A Manager", circleIds: [DEMO_CIRCLES.lighthouse], timeZone: "America/Chicago", managerId: "aad-user-mei" },
  { userId: "aad-user-aiko", displayName: "Aiko Tanaka", role: "member", department: "Engineering", title: "QA Manager", circleIds: [DEMO_CIRCLES.lighthouse], timeZone: "Asia/Tokyo" },
  { userId: "aad-user-lucas", displayName: "Lucas Moreau", role: "member", department: "Operations", title: "Logistics Planning Lead", circleIds: [DEMO_CIRCLES.lighthouse], timeZone: "Europe/Paris" },
  { userId: "aad-user-grace", displayName: "Grace Mensah", role: "sponsor", department: "Customer Success", title: "VP Customer Experience", circleIds: [], timeZone: "Europe/London" },
  { userId: "aad-user-olivia", displayName: "Olivia Novak", role: "member", department: "Finance", title: "Procurement Manager", circleIds: [DEMO_CIRCLES.lighthouse], timeZone: "Europe/Warsaw" },
];
