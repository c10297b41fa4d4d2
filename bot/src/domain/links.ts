/** The static tab's entity id in the manifest; deep links name it. */
export const TAB_ENTITY_ID = "circles";

const SUB_ENTITY = /^artifact:([A-Za-z0-9._:@-]{1,200}):([A-Za-z0-9._:@-]{1,200})$/;
const ID = /^[A-Za-z0-9._:@-]{1,200}$/;

/**
 * Links that open the tab at one library item. With the Teams app id known they are Teams
 * deep links (they open the tab inside Teams, and the item via subEntityId); otherwise the
 * tab's own URL. Both forms read back, so link unfurling recognises either.
 */
export function createLinks(options: { publicUrl: string | (() => string); teamsAppId?: string }) {
  const baseUrl = () => (typeof options.publicUrl === "function" ? options.publicUrl() : options.publicUrl).replace(/\/$/, "");
  const webUrl = (communityId: string, artifactId: string) => `${baseUrl()}/?community=${encodeURIComponent(communityId)}&item=${encodeURIComponent(artifactId)}`;
  return {
    /**
     * A Teams deep link that opens a chat with these people, by sign-in name (the link takes
     * UserPrincipalNames only); null when there is nobody or someone's sign-in name is unknown.
     */
    chat(upns: (string | undefined)[], topic?: string): string | null {
      if (upns.length === 0 || upns.some((u) => !u)) return null;
      const users = upns.map((u) => encodeURIComponent(u!)).join(",");
      return `https://teams.microsoft.com/l/chat/0/0?users=${users}${topic && upns.length > 1 ? `&topicName=${encodeURIComponent(topic)}` : ""}`;
    },
    artifact(communityId: string, artifactId: string): string {
      if (!options.teamsAppId) return webUrl(communityId, artifactId);
      const context = JSON.stringify({ subEntityId: `artifact:${communityId}:${artifactId}` });
      return `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.teamsAppId)}/${TAB_ENTITY_ID}?webUrl=${encodeURIComponent(webUrl(communityId, artifactId))}&label=${encodeURIComponent("Circles")}&context=${encodeURIComponent(context)}`;
    },
    parseArtifact(url: string): { communityId: string; artifactId: string } | null {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return null;
      }
      const community = parsed.searchParams.get("community");
      const item = parsed.searchParams.get("item");
      if (parsed.origin === new URL(baseUrl()).origin && community && item && ID.test(community) && ID.test(item)) return { communityId: community, artifactId: item };
      const ourDeepLink = options.teamsAppId !== undefined && parsed.pathname.startsWith(`/l/entity/${encodeURIComponent(options.teamsAppId)}/`);
      if (parsed.hostname === "teams.microsoft.com" && ourDeepLink) {
        try {
          const sub = SUB_ENTITY.exec(String(JSON.parse(parsed.searchParams.get("context") ?? "{}").subEntityId ?? ""));
          if (sub) return { communityId: sub[1]!, artifactId: sub[2]! };
        } catch {
          return null;
        }
      }
      return null;
    },
  };
}
