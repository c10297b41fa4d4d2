import { listArtifacts } from "../../commands/artifactLister";
import { readArtifact } from "../../commands/artifactReader";
import { ArtifactListQuery } from "../../contracts";
import { QueryLinkValue, QueryValue } from "../../contracts/teams";
import { isAppError } from "../../domain/errors";
import { resultCard, resultPreview, UNFURL_CARD_VERSION } from "../cards";
import { communityChoiceOf, JOIN_FIRST, WHO_ARE_YOU } from "./communityOf";
import { type InvokeHandler } from "./deps";
import { identityOf, teamIdOf } from "./identity";
import { readValue, searchMessage, searchResults } from "./invokeResponses";

/** Results per search: one short list, most recently updated first. */
export const SEARCH_PAGE_SIZE = 10;

/** The search box text; the first open of the command (`initialRun`) has none. */
function searchTextOf(parameters: { name: string; value?: unknown }[] | null | undefined): string {
  const value = parameters?.find((p) => p.name === "searchQuery")?.value;
  return typeof value === "string" ? value.trim().slice(0, 200) : "";
}

/**
 * `composeExtension/query` for findInLibrary: the library of the current team's
 * community (or the person's first community outside a team), searched by the typed
 * words; an empty box lists the most recently updated items. One membership read, one
 * team-link read and one single-partition query.
 */
export const onLibrarySearch: InvokeHandler = async (turn, deps) => {
  const read = readValue(QueryValue, turn.activity.value, "composeExtension/query");
  if ("problem" in read) return read.problem;
  const identity = identityOf(turn.activity);
  if (!identity) return searchMessage(WHO_ARE_YOU.search);
  // One page only: Teams asks for more by `skip`, and the first page is the whole answer.
  if ((read.value.queryOptions?.skip ?? 0) > 0) return searchResults([]);
  const { current } = await communityChoiceOf(deps.ctx, identity, teamIdOf(turn.activity));
  if (!current) return searchMessage(JOIN_FIRST.search);
  const q = searchTextOf(read.value.parameters);
  const query = ArtifactListQuery.parse({ ...(q ? { q } : {}), limit: SEARCH_PAGE_SIZE, sort: "updated" });
  try {
    const { items } = await listArtifacts(deps.ctx, identity, current.id, query);
    return searchResults(items.map((item) => ({ card: resultCard(item), preview: resultPreview(item) })));
  } catch (error) {
    if (isAppError(error) && error.status === 403) return searchMessage(JOIN_FIRST.search);
    throw error;
  }
};

/**
 * `composeExtension/queryLink`: a pasted link to a library item becomes its card, when the
 * person pasting may see it. Anything else (not our link, missing, deleted, another
 * circle's or someone's private draft) is an empty result: nothing about the item is revealed.
 */
export const onLibraryUnfurl: InvokeHandler = async (turn, deps) => {
  const read = readValue(QueryLinkValue, turn.activity.value, "composeExtension/queryLink");
  if ("problem" in read) return read.problem;
  const identity = identityOf(turn.activity);
  const target = deps.ctx.links.parseArtifact(read.value.url);
  if (!identity || !target) return searchResults([]);
  try {
    const item = await readArtifact(deps.ctx, identity, target.communityId, target.artifactId, { track: false });
    if (item.deleted) return searchResults([]);
    return searchResults([{ card: resultCard(item, { version: UNFURL_CARD_VERSION }), preview: resultPreview(item) }]);
  } catch (error) {
    if (isAppError(error) && error.status < 500) return searchResults([]);
    throw error;
  }
};
