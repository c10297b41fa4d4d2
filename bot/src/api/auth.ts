import { type RequestHandler, type Request } from "express";
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from "jose";
import { type Config } from "../config";
import { unauthorized } from "../domain/errors";
import { type Identity } from "../policies";

declare module "express-serve-static-core" {
  interface Request {
    identity?: Identity;
  }
}

export interface AuthOptions {
  config: Config;
  /** True only in local mode on loopback with no Entra app (see config.devIdentityAllowed). */
  devIdentity: boolean;
  /** Looks up a demo user for the local dev identity. */
  findDevUser(userId: string): Promise<Identity | null>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Puts a validated identity on the request. In Azure: the Teams SSO token (Entra v2),
 * checked for signature (the tenant's published keys), issuer, audience, expiry and an
 * allowed tenant. Tenant and user come from the token's claims only.
 */
export function authenticate(options: AuthOptions): RequestHandler {
  const { config } = options;
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const audiences = [config.sso.clientId, config.sso.appIdUri].filter((a): a is string => Boolean(a));

  const keysFor = (tenantId: string) => {
    let set = keySets.get(tenantId);
    if (!set) {
      set = createRemoteJWKSet(new URL(`${config.sso.authorityHost}/${tenantId}/discovery/v2.0/keys`), { cooldownDuration: config.sso.jwksCooldownMs, timeoutDuration: 5_000 });
      keySets.set(tenantId, set);
    }
    return set;
  };

  async function fromToken(token: string): Promise<Identity> {
    let tenantId: unknown;
    try {
      tenantId = decodeJwt(token).tid;
    } catch {
      throw unauthorized("The bearer token is not a JWT. Send the Teams SSO token.");
    }
    if (typeof tenantId !== "string" || !GUID.test(tenantId)) throw unauthorized("The token has no valid tenant (tid) claim.");
    const allowed = config.sso.allowedTenantIds;
    if (allowed.length && !allowed.includes(tenantId)) throw unauthorized("Your organisation is not allowed to use this app.");
    let claims: JWTPayload;
    try {
      // Only tenants we accept reach a key fetch, so a stranger cannot make us fetch arbitrary URLs.
      ({ payload: claims } = await jwtVerify(token, keysFor(tenantId), {
        issuer: `${config.sso.authorityHost}/${tenantId}/v2.0`,
        audience: audiences,
        algorithms: ["RS256"],
        clockTolerance: 60,
      }));
    } catch (e) {
      throw unauthorized(`The sign-in token was refused (${(e as { code?: string }).code ?? "invalid"}). Reload the tab to sign in again.`);
    }
    const userId = claims.oid;
    if (typeof userId !== "string" || !userId) throw unauthorized("The token has no user (oid) claim.");
    const name = typeof claims.name === "string" ? claims.name : typeof claims.preferred_username === "string" ? claims.preferred_username : "Teams user";
    return { tenantId, userId, displayName: name };
  }

  return async (req, _res, next) => {
    const header = req.header("authorization");
    const devUser = req.header("x-dev-user");
    if (header?.toLowerCase().startsWith("bearer ") && audiences.length) {
      req.identity = await fromToken(header.slice(7).trim());
      return next();
    }
    if (devUser !== undefined) {
      if (!options.devIdentity) throw unauthorized("X-Dev-User is accepted only by a local server on a loopback address with no Entra app configured.");
      const identity = await options.findDevUser(devUser.trim());
      if (!identity) throw unauthorized(`There is no demo user '${devUser.slice(0, 80)}'. GET /api/dev/users lists them.`);
      req.identity = identity;
      return next();
    }
    throw unauthorized(
      options.devIdentity
        ? "Pick a demo user: send the header X-Dev-User: <userId> (GET /api/dev/users lists them)."
        : "Sign in: send the Teams SSO token as 'Authorization: Bearer <token>'.",
    );
  };
}

/** The identity the auth middleware put on the request (routes run after it). */
export function identityOf(req: Request): Identity {
  if (!req.identity) throw unauthorized();
  return req.identity;
}
