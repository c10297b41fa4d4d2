/**
 * Local stand-ins for the two token issuers the server trusts, each with RSA keys generated
 * here and served on loopback:
 * - Entra ID (Teams SSO, v2 tokens with iss, aud, tid, oid): its JWKS at the path Entra uses.
 *   Point the server's AAD_AUTHORITY_HOST at `authority`.
 * - The Bot Framework channel (tokens on activities posted to /api/messages): an OpenID
 *   metadata document and its JWKS. Pass `channelTokens` to startServer's `botChannelTokens`.
 * Both record every key request, so tests can count fetches.
 */
import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from "jose";

type KeyPair = { publicKey: KeyLike; privateKey: KeyLike };

export interface LocalEntra {
  authority: string;
  clientId: string;
  /** Paths of every request for a tenant's keys, oldest first (`/<tenant>/discovery/v2.0/keys`). */
  readonly keyFetches: string[];
  /** The key ids the JWKS publishes now. */
  publishedKids(): string[];
  /**
   * A token as Teams SSO would issue it, signed with the newest key; override any claim or
   * header to make it bad. `kid` names the key to sign with (a key dropped from the JWKS is
   * still known here); an id never issued is sent as given, signed with the newest key.
   */
  token(claims: { tid: string; oid?: string; name?: string } & JWTPayload, options?: { kid?: string; expiresIn?: string; issuer?: string; audience?: string; sign?: "other-key" }): Promise<string>;
  /** Publishes a new key under a new kid and signs with it from now on; `drop` removes every older key from the JWKS. Returns the new kid. */
  rotate(options?: { drop?: boolean }): Promise<string>;
  /** A published key's public half as PEM: what an algorithm-confusion attack uses as an HMAC secret. */
  publicKeyPem(kid?: string): Promise<string>;
  close(): Promise<void>;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const newKey = () => generateKeyPair("RS256", { extractable: true }) as Promise<KeyPair>;

export async function startLocalEntra(clientId = "6b1d2c3e-4f50-4a61-8b72-9c83d4e5f601"): Promise<LocalEntra> {
  const keys = new Map<string, { pair: KeyPair; jwk: JWK }>();
  const published: string[] = [];
  let current = "";
  const add = async () => {
    const kid = `key-${keys.size + 1}`;
    const pair = await newKey();
    keys.set(kid, { pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" } });
    published.push(kid);
    current = kid;
    return kid;
  };
  await add();
  const otherKey = await newKey();
  const keyFetches: string[] = [];
  const { server, origin: authority } = await listen((req, res) => {
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(req.url ?? "")) {
      keyFetches.push(req.url!);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: published.map((kid) => keys.get(kid)!.jwk) }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  return {
    authority,
    clientId,
    keyFetches,
    publishedKids: () => [...published],
    token: async (claims, options = {}) => {
      const kid = options.kid ?? current;
      const key = options.sign === "other-key" ? otherKey : (keys.get(kid) ?? keys.get(current)!).pair;
      return new SignJWT({ ver: "2.0", ...claims })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(options.issuer ?? `${authority}/${claims.tid}/v2.0`)
        .setAudience(options.audience ?? clientId)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? "1h")
        .sign(key.privateKey);
    },
    rotate: async (options = {}) => {
      const before = [...published];
      const kid = await add();
      if (options.drop) for (const old of before) published.splice(published.indexOf(old), 1);
      return kid;
    },
    publicKeyPem: (kid = current) => exportSPKI(keys.get(kid)!.pair.publicKey),
    close: () => close(server),
  };
}

/** The server environment that makes it accept tokens from `entra` (and refuse the dev identity). */
export const ssoEnv = (entra: LocalEntra) => ({ AAD_APP_CLIENT_ID: entra.clientId, AAD_AUTHORITY_HOST: entra.authority });

/** The Bot Framework's token issuer, as its tokens to a bot say. */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

export interface LocalBotFramework {
  /** For startServer's `botChannelTokens`: where the keys are and the issuer to expect. */
  channelTokens: { openIdMetadataUrl: string; issuer: string };
  /** Requests for the metadata document and the keys, oldest first. */
  readonly keyFetches: string[];
  /**
   * A channel token as the Bot Framework signs it for an activity to the bot `appId` from
   * `serviceUrl`; override a claim or the key to make it bad.
   */
  token(options: { appId: string; serviceUrl: string; audience?: string; issuer?: string; expiresIn?: string; notBefore?: string; sign?: "other-key" }): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalBotFramework(): Promise<LocalBotFramework> {
  const key = await newKey();
  const otherKey = await newKey();
  // Teams' keys carry endorsements; botbuilder checks the activity's channel against them.
  const jwk = { ...(await exportJWK(key.publicKey)), kid: "bf-key-1", use: "sig", endorsements: ["msteams"] };
  const keyFetches: string[] = [];
  const { server, origin } = await listen((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/v1/.well-known/openidconfiguration") {
      keyFetches.push(req.url);
      res.end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${origin}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
    } else if (req.url === "/v1/.well-known/keys") {
      keyFetches.push(req.url);
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  return {
    channelTokens: { openIdMetadataUrl: `${origin}/v1/.well-known/openidconfiguration`, issuer: BOT_FRAMEWORK_ISSUER },
    keyFetches,
    token: (o) =>
      new SignJWT({ serviceurl: o.serviceUrl })
        .setProtectedHeader({ alg: "RS256", kid: "bf-key-1", typ: "JWT" })
        .setIssuer(o.issuer ?? BOT_FRAMEWORK_ISSUER)
        .setAudience(o.audience ?? o.appId)
        .setIssuedAt()
        .setNotBefore(o.notBefore ?? "0s")
        .setExpirationTime(o.expiresIn ?? "1h")
        .sign(o.sign === "other-key" ? otherKey.privateKey : key.privateKey),
    close: () => close(server),
  };
}
