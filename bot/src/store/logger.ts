type LogFn = (obj: object, msg?: string) => void;

/** The slice of a pino logger the store uses, so tests and scripts can pass anything that fits. */
export interface StoreLogger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

export const silentLogger: StoreLogger = { info: () => {}, warn: () => {}, error: () => {} };
