import { type Clock } from "../domain/clock";
import { type Repositories } from "../store/repositories";

/** What every command needs: the repositories, the clock and a logger. */
export interface CommandContext {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  links: Links;
}

/** Links that open the tab at one item: a Teams deep link when the app id is known. */
export interface Links {
  artifact(communityId: string, artifactId: string): string;
  /** Opens a Teams chat with these people (by sign-in name); null when any is unknown. */
  chat(upns: (string | undefined)[], topic?: string): string | null;
  /** Reads an item link back (either form), for link unfurling; null when it is not ours. */
  parseArtifact(url: string): { communityId: string; artifactId: string } | null;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
