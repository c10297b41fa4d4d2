import { createLinks } from "../../bot/src/domain/links";

describe("item links", () => {
  const local = createLinks({ publicUrl: "http://localhost:3978" });
  const teams = createLinks({ publicUrl: "https://circles.example.com", teamsAppId: "11111111-2222-3333-4444-555555555555" });

  it("are the tab's own URL locally and read back", () => {
    const link = local.artifact("com-demo", "art-1");
    expect(link).toBe("http://localhost:3978/?community=com-demo&item=art-1");
    expect(local.parseArtifact(link)).toEqual({ communityId: "com-demo", artifactId: "art-1" });
  });

  it("are Teams deep links with a subEntityId when the app id is known, and read back", () => {
    const link = teams.artifact("com-demo", "art-1");
    expect(link).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/11111111-2222-3333-4444-555555555555\/circles\?/);
    expect(JSON.parse(new URL(link).searchParams.get("context")!)).toEqual({ subEntityId: "artifact:com-demo:art-1" });
    expect(teams.parseArtifact(link)).toEqual({ communityId: "com-demo", artifactId: "art-1" });
    expect(teams.parseArtifact("https://circles.example.com/?community=com-demo&item=art-1")).toEqual({ communityId: "com-demo", artifactId: "art-1" });
  });

  it("ignore other apps' deep links, other sites and junk", () => {
    const other = teams.artifact("com-demo", "art-1").replace("11111111-2222-3333-4444-555555555555", "99999999-2222-3333-4444-555555555555");
    expect(teams.parseArtifact(other)).toBeNull();
    expect(teams.parseArtifact("https://evil.example.com/?community=com-demo&item=art-1")).toBeNull();
    expect(teams.parseArtifact("not a url")).toBeNull();
    expect(local.parseArtifact("http://localhost:3978/?community=bad id&item=x")).toBeNull();
  });
});

