import { Agent } from "node:https";
import type { AddressInfo } from "node:net";
import { createHttpsServer } from "@vercel/cosmosdb-server";
import { createLoopbackCertificate } from "./certificate";

/** A running embedded Cosmos-protocol server and the only agent that trusts it. */
export interface EmbeddedServer {
  /** e.g. https://127.0.0.1:53412/ */
  endpoint: string;
  /** Trusts this server's certificate and nothing else; give it only to clients of `endpoint`. */
  agent: Agent;
  /** The certificate pair, for test tooling that has to stand in front of the server on loopback. */
  tls: { keyPem: string; certPem: string };
  close(): Promise<void>;
}

/**
 * Starts @vercel/cosmosdb-server in this process on 127.0.0.1 with an ephemeral port.
 * Its state lives in memory only; persistence is the snapshot's job.
 */
export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  const tls = createLoopbackCertificate();
  const server = createHttpsServer({ key: tls.keyPem, cert: tls.certPem, minVersion: "TLSv1.2", keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ ca: tls.certPem, keepAlive: true, maxSockets: 16 });
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    agent,
    tls,
    close: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
