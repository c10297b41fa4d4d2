import { type HostContext } from "./host";
import { createLocalHost } from "./localHost";

export interface DetectOptions {
  search: URLSearchParams;
  listDevUsers: () => Promise<{ userId: string }[]>;
}

/**
 * Decides where we run. The manifest's contentUrl carries `?inTeams=1`, so inside Teams
 * we wait a few seconds for the host; a page merely framed by something else gets a
 * short try. Anything that does not answer is treated as a plain browser (local mode).
 */
export async function detectHost({ search, listDevUsers }: DetectOptions): Promise<HostContext> {
  const declared = search.get("inTeams") === "1";
  const framed = window.parent !== window;
  if (declared || framed) {
    const { connectToTeams } = await import("./teamsHost");
    const host = await connectToTeams(search, declared ? 6000 : 1500);
    if (host) return host;
  }
  return createLocalHost({ search, listDevUsers });
}
