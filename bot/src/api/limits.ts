import { ipKeyGenerator, MemoryStore, rateLimit, type Options, type RateLimitInfo } from "express-rate-limit";
import { type RequestHandler } from "express";
import { AppError } from "../domain/errors";

export interface Limits {
  /** Requests one signed-in person may make to the API per minute. */
  apiPerMinute: number;
  /** Refused sign-ins (401) one address may cause per minute before it must wait. */
  authFailuresPerMinute: number;
}

const WINDOW_MS = 60_000;

/** A 429 in the app's one error shape, saying how long to wait (Retry-After carries the same). */
function refuse(what: string): Options["handler"] {
  return (req, res, next) => {
    const resetAt = (req as { rateLimit?: RateLimitInfo }).rateLimit?.resetTime?.getTime() ?? Date.now() + WINDOW_MS;
    const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
    res.setHeader("Retry-After", String(seconds));
    next(new AppError(429, "rate_limited", `${what} Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again; nothing was changed.`));
  };
}

/**
 * Per person (tenant + user from the validated identity), so one busy tab cannot slow
 * everyone else down. Runs after authentication.
 */
export function perUserLimit(limits: Limits): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.apiPerMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => (req.identity ? `${req.identity.tenantId}:${req.identity.userId}` : "anonymous"),
    handler: refuse(`Too many requests: you sent more than ${limits.apiPerMinute} in a minute.`),
  });
}

/**
 * Per client address, counting only refused sign-ins, so guessing tokens is slow while
 * signed-in people behind one address are not held back. Runs before authentication.
 *
 * A refused sign-in is counted when its 401 is sent; the check before authentication only
 * reads the count. (express-rate-limit's skipSuccessfulRequests counts every request on
 * arrival and takes successful ones back when they finish, so many people behind one
 * address with requests in flight at once would be refused as if they had failed to sign in.)
 */
export function authFailureLimit(limits: Limits): RequestHandler {
  const failures = new MemoryStore();
  failures.init({ windowMs: WINDOW_MS } as Options);
  const handler = refuse(`Too many refused sign-ins from your address (more than ${limits.authFailuresPerMinute} in a minute).`);
  return (req, res, next) => {
    const key = ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? "unknown");
    failures.get(key).then((seen) => {
      if (seen && seen.totalHits >= limits.authFailuresPerMinute) {
        (req as { rateLimit?: Partial<RateLimitInfo> }).rateLimit = { resetTime: seen.resetTime };
        return handler(req, res, next, {} as Options);
      }
      res.once("finish", () => {
        if (res.statusCode === 401) void failures.increment(key);
      });
      next();
    }, next);
  };
}
