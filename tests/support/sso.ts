/**
 * A local stand-in for Entra ID: an RSA key generated here, its JWKS served on loopback
 * at the path Entra uses, and tokens signed like Teams SSO tokens (v2: iss, aud, tid, oid).
 * Point the server's AAD_AUTHORITY_HOST at `authority`.
 */
import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

export interface LocalEntra {
  authority: string;
  clientId: string;
  /** A token as Teams SSO would issue it; override any claim or header to make it bad. */
  token(claims: { tid: string; oid: string; name?: string } & JWTPayload, options?: { kid?: string; expiresIn?: string; issuer?: string; audience?: string; sign?: "other-key" }): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalEntra(clientId = "6b1d2c3e-4f50-4a61-8b72-9c83d4e5f601"): Promise<LocalEntra> {
  const key = await generateKeyPair("RS256", { extractable: true });
  const otherKey = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(key.publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
  const server: Server = createServer((req, res) => {
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(req.url ?? "")) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authority,
    clientId,
    token: async (claims, options = {}) =>
      new SignJWT({ ver: "2.0", ...claims })
        .setProtectedHeader({ alg: "RS256", kid: options.kid ?? "key-1", typ: "JWT" })
        .setIssuer(options.issuer ?? `${authority}/${claims.tid}/v2.0`)
        .setAudience(options.audience ?? clientId)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? "1h")
        .sign(options.sign === "other-key" ? otherKey.privateKey : key.privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The server environment that makes it accept tokens from `entra` (and refuse the dev identity). */
export const ssoEnv = (entra: LocalEntra) => ({ AAD_APP_CLIENT_ID: entra.clientId, AAD_AUTHORITY_HOST: entra.authority });
