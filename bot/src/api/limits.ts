import { rateLimit, type Options, type RateLimitInfo } from "express-rate-limit";
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
 */
export function authFailureLimit(limits: Limits): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.authFailuresPerMinute,
    standardHeaders: false,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    handler: refuse(`Too many refused sign-ins from your address (more than ${limits.authFailuresPerMinute} in a minute).`),
  });
}
