/**
 * A tiny HTTPS proxy for loopback tests: it stands between a client and a server and,
 * per request, forwards it or injects a fault (an error status, a dropped connection
 * before or after the server has applied the request, or an answer that never comes).
 */
import { Agent, createServer, request as httpsRequest } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  /** Answered by the proxy; the server never sees the request. */
  | { kind: "status"; status: number; retryAfterMs?: number }
  /** Connection dropped before forwarding: nothing applied, no answer. */
  | { kind: "resetBefore" }
  /** Forwarded and applied by the server, then the connection is dropped: the answer is lost. */
  | { kind: "resetAfter" }
  /**
   * No answer for `ms` (then the connection is dropped): longer than the client's request
   * timeout, this is a timeout. With `forward: true` the server applies the request first
   * and only its answer is held back; otherwise the server never sees it.
   */
  | { kind: "hang"; ms: number; forward?: boolean };

export interface SeenRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
  fault?: Fault["kind"];
  status?: number;
}

export type FaultRule = (request: SeenRequest) => Fault | null;

export interface FaultProxy {
  endpoint: string;
  seen: SeenRequest[];
  setRule(rule: FaultRule | null): void;
  close(): Promise<void>;
}

/** True for the document writes and reads the tests fault, as opposed to metadata calls. */
export const isDocumentRequest = (r: SeenRequest) => /\/docs(\/|$)/.test(r.path);
export const isQueryPlan = (r: SeenRequest) => r.headers["x-ms-cosmos-is-query-plan-request"] === "True" || r.headers["x-ms-cosmos-is-query-plan-request"] === "true";

export async function startFaultProxy(target: { endpoint: string; tls: { keyPem: string; certPem: string } }): Promise<FaultProxy> {
  const upstream = new URL(target.endpoint);
  const agent = new Agent({ ca: target.tls.certPem, keepAlive: true });
  let rule: FaultRule | null = null;
  const seen: SeenRequest[] = [];
  const hanging = new Set<NodeJS.Timeout>();
  /** Drops the connection after `ms`, unless the client has given up first. */
  const dropAfter = (socket: Socket, ms: number) => {
    const timer = setTimeout(() => {
      hanging.delete(timer);
      socket.destroy();
    }, ms);
    hanging.add(timer);
    socket.once("close", () => {
      clearTimeout(timer);
      hanging.delete(timer);
    });
  };

  const server = createServer({ key: target.tls.keyPem, cert: target.tls.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: SeenRequest = { index: seen.length, method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, at: Date.now() };
      seen.push(entry);
      const fault = rule?.(entry) ?? null;
      entry.fault = fault?.kind;
      if (fault?.kind === "status") {
        entry.status = fault.status;
        const headers: Record<string, string> = { "content-type": "application/json", "x-ms-activity-id": `proxy-${entry.index}` };
        if (fault.retryAfterMs !== undefined) headers["x-ms-retry-after-ms"] = String(fault.retryAfterMs);
        res.writeHead(fault.status, headers);
        res.end(JSON.stringify({ code: fault.status === 429 ? "TooManyRequests" : "ServiceUnavailable", message: "injected by faultProxy" }));
        return;
      }
      if (fault?.kind === "resetBefore") {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "hang" && !fault.forward) {
        dropAfter(req.socket, fault.ms);
        return;
      }
      const forward = httpsRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
        (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (c: Buffer) => body.push(c));
          answer.on("end", () => {
            entry.status = answer.statusCode;
            if (fault?.kind === "resetAfter") {
              req.socket.destroy();
              return;
            }
            if (fault?.kind === "hang") {
              dropAfter(req.socket, Math.max(0, fault.ms - (Date.now() - entry.at)));
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      forward.on("error", () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    seen,
    setRule: (next) => {
      rule = next;
    },
    close: async () => {
      for (const timer of hanging) clearTimeout(timer);
      hanging.clear();
      agent.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
