import { type ErrorRequestHandler, type RequestHandler } from "express";
import { type ErrorBody } from "../contracts";
import { AppError, isAppError, payloadTooLarge } from "../domain/errors";

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Maps every failure to the one JSON error shape; bad input is never a 500. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.status >= 500) req.log?.error({ err }, "request failed");
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, ...(appError.field ? { field: appError.field } : {}) } };
  res.status(appError.status).json(body);
};

function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const e = err as BodyParserError;
  switch (e?.type) {
    case "entity.parse.failed":
      return new AppError(400, "malformed_json", "The request body is not valid JSON. Check quotes, commas and brackets.");
    case "entity.too.large":
      return payloadTooLarge("1 MB");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError(415, "unsupported_encoding", "Send the body as UTF-8 JSON.");
    case "request.aborted":
      return new AppError(400, "request_aborted", "The request was cut off before its body arrived. Send it again.");
  }
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, "bad_request", e.message || "The request could not be read.");
  }
  return new AppError(500, "internal", "Something went wrong on our side. Nothing you sent was lost; try again, and tell your admin if it keeps happening.");
}

export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ErrorBody = { error: { code: "not_found", message: `There is no ${req.method} ${req.path}. Check the address.` } };
  res.status(404).json(body);
};
