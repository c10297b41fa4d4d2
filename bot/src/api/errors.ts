import { STATUS_CODES, type Server } from "node:http";
import { type Duplex } from "node:stream";
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
  if (err instanceof URIError && e.status === 400) {
    // Express could not decode a part of the path (e.g. `%zz`, `%E0%A4%A`, a lone `%`).
    return new AppError(400, "bad_request", "A part of the address is not valid percent-encoding. Encode each id in the path with encodeURIComponent.");
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

/**
 * Requests Node refuses before Express sees them (an address or header block over its
 * 16 KB limit, a request that is not HTTP) get the one error body too, not a bare status line.
 */
export function answerUnreadableRequests(server: Server): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "headers_too_large", "The address or the headers are too long (over 16 KB). Send shorter ids and query values; long text belongs in a JSON body."]
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "request_timeout", "The request took too long to arrive. Send it again."]
          : [400, "malformed_request", "The request is not valid HTTP. Check the request line and the headers."];
    const body: ErrorBody = { error: { code, message } };
    const text = JSON.stringify(body);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });
}
