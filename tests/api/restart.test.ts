import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { ArtifactListResponse, MeResponse } from "../../bot/src/contracts";
import { startRecordingConnector, type RecordingConnector } from "../support/connector";
import { asUser, startServer } from "../support/server";
import { botAdded } from "../teams/activities";

let dataDir: string;
let connector: RecordingConnector;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "circles-restart-"));
  connector = await startRecordingConnector();
});
afterAll(async () => {
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const countLibrary = async (baseUrl: string) => {
  const page = ArtifactListResponse.parse(await (await asUser(baseUrl, "aad-user-amara")(`/api/communities/${DEMO_COMMUNITY_ID}/artifacts?limit=100`)).json());
  return page.items.length;
};

it("keeps what was created in one run after a restart, and never seeds the demo twice", async () => {
  const first = await startServer({ dataDir });
  const seeded = await countLibrary(first.baseUrl);
  expect(seeded).toBeGreaterThanOrEqual(20);

  // Install the bot in a new team from the demo tenant: a new community is created for it.
  const install = botAdded({ serviceUrl: connector.serviceUrl, scope: "team", conversationId: "19:restart-general@thread.tacv2", team: { id: "19:restart-team@thread.tacv2", name: "Night Shift Leads" }, tenantId: DEMO_TENANT_ID });
  const res = await fetch(`${first.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(install) });
  expect(res.status).toBeLessThan(300);
  await connector.waitForActivities(1);
  const before = MeResponse.parse(await (await asUser(first.baseUrl, "aad-user-amara")("/api/me")).json());
  expect(before.communities.map((c) => c.name)).toContain("Night Shift Leads");
  await first.close();

  const second = await startServer({ dataDir });
  try {
    const after = MeResponse.parse(await (await asUser(second.baseUrl, "aad-user-amara")("/api/me")).json());
    expect(after.communities).toEqual(before.communities);
    expect(await countLibrary(second.baseUrl)).toBe(seeded);
  } finally {
    await second.close();
  }
});
