/** Where card buttons may point; every link is optional, so cards work before the app is published. */
export interface CardLinks {
  /** A deep link to the community tab (https://teams.microsoft.com/l/entity/…), when the app id is known. */
  tab?: string;
  /** A link that opens one library item in the tab (the commands' `links.artifact`), for queued cases. */
  artifact?: (communityId: string, artifactId: string) => string;
}
