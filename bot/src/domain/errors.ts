/**
 * The small set of errors the app raises on purpose. Each has a stable `code` the
 * tab and tests can rely on, an HTTP status, and a message that says what to fix.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, "bad_request", message, field);
export const unauthorized = (message = "Sign in again: the request carried no valid identity.") =>
  new AppError(401, "unauthorized", message);
export const forbidden = (message = "You do not have permission to do this.") => new AppError(403, "forbidden", message);
export const notFound = (what: string) => new AppError(404, "not_found", `${what} was not found.`);
export const conflict = (message: string) => new AppError(409, "conflict", message);
/** Someone else saved first: the caller should reload and apply their change again. */
export const editConflict = (what: string) =>
  new AppError(409, "edit_conflict", `${what} was changed by someone else since you opened it. Reload to see their change, then save again.`);
export const alreadyExists = (what: string) => new AppError(409, "already_exists", `${what} already exists.`);
export const payloadTooLarge = (limit: string) =>
  new AppError(413, "payload_too_large", `The request body is larger than ${limit}. Send less data.`);
/** The store did not answer within its retry budget: safe to retry. */
export const unavailable = (message = "The data store is busy. Nothing was saved; try again in a moment.") =>
  new AppError(503, "unavailable", message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
