import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import type { Agent } from "node:https";
import { CosmosClient, PluginOn, type CosmosClientOptions, type PluginConfig, type RetryOptions } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";
import { SDK_THROTTLE_RETRY } from "./retry";

/** How the client proves who it is: Entra ID in Azure (never an account key), nothing real locally. */
export type CosmosAuth =
  | { kind: "aad"; managedIdentityClientId?: string }
  /** The embedded server checks no signature; the agent trusts only its loopback certificate. */
  | { kind: "embedded"; agent: Agent };

export interface CosmosClientSettings {
  endpoint: string;
  auth: CosmosAuth;
  /** The SDK's own 429 handling; the store's retry wraps around it. */
  throttleRetry?: RetryOptions;
  /** Per HTTP request. */
  requestTimeoutMs?: number;
}

/** Counts every HTTP request the SDK sends (its own retries and metadata calls included). */
export class RequestMeter {
  private sent = 0;
  private readonly lastFailure = new AsyncLocalStorage<{ error?: unknown }>();

  get count(): number {
    return this.sent;
  }

  /**
   * Runs `work` so that the last HTTP failure inside it can be recovered afterwards.
   * `items.batch` rethrows failures as a bare Error without their status; this gets it back.
   */
  async capturing<T>(work: () => Promise<T>): Promise<{ result?: T; error?: unknown; lastHttpFailure?: unknown }> {
    const slot: { error?: unknown } = {};
    try {
      const result = await this.lastFailure.run(slot, work);
      return { result };
    } catch (error) {
      return { error, lastHttpFailure: slot.error };
    }
  }

  readonly plugin: PluginConfig = {
    on: PluginOn.request,
    plugin: async (context, _diagnostics, next) => {
      this.sent += 1;
      try {
        return await next(context);
      } catch (error) {
        const slot = this.lastFailure.getStore();
        if (slot) slot.error = error;
        throw error;
      }
    },
  };
}

/**
 * Per HTTP request, unless the caller sets `requestTimeoutMs`. Well under the store's
 * deadline (DEFAULT_RETRY_POLICY.deadlineMs, 8 s), so a request that hangs is retried
 * rather than using up the whole call: two hangs still leave time for a third attempt.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 3_000;

const QUERY_PLAN_HEADER = "x-ms-cosmos-is-query-plan-request";

/**
 * The SDK asks for a query plan beside every query and uses it only when the service
 * answers the query itself with 400. The embedded server never does that, and runs the
 * plan request as a second full query, so locally the plan request is not sent at all.
 */
const skipQueryPlans: PluginConfig = {
  on: PluginOn.request,
  plugin: async (context, _diagnostics, next) => {
    if (context.headers?.[QUERY_PLAN_HEADER] !== undefined) throw new Error("The embedded server does not serve query plans.");
    return next(context);
  },
};

/** Builds the one CosmosClient the process uses, with request counting and bounded SDK retries. */
export function createCosmosClient(settings: CosmosClientSettings, meter: RequestMeter): CosmosClient {
  // `plugins` works in 4.9.x but is @hidden in its typings; the request count depends on it.
  const common: CosmosClientOptions & { plugins: PluginConfig[] } = {
    endpoint: settings.endpoint,
    userAgentSuffix: "practice-circles",
    connectionPolicy: {
      requestTimeout: settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      retryOptions: { ...SDK_THROTTLE_RETRY, ...settings.throttleRetry },
      enableEndpointDiscovery: settings.auth.kind === "aad",
    },
    plugins: settings.auth.kind === "embedded" ? [skipQueryPlans, meter.plugin] : [meter.plugin],
  };
  if (settings.auth.kind === "aad") {
    const credential = new DefaultAzureCredential(
      settings.auth.managedIdentityClientId ? { managedIdentityClientId: settings.auth.managedIdentityClientId } : {},
    );
    return new CosmosClient({ ...common, aadCredentials: credential });
  }
  return new CosmosClient({ ...common, key: randomBytes(32).toString("base64"), agent: settings.auth.agent });
}
