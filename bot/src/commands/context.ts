import { type Clock } from "../domain/clock";
import { type Repositories } from "../store/repositories";

/** What every command needs: the repositories, the clock and a logger. */
export interface CommandContext {
  repos: Repositories;
  clock: Clock;
  log: Logger;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
