import { APP_CONFIG, type AppConfig, deriveKey, type Role } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import jwt, { type Algorithm, type JwtPayload, type VerifyOptions } from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS } from '../auth-cookies';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  roles: Role[];
}

export const ACCESS_TOKEN_AUDIENCE = 'huntkit-api';
/** RFC 9068 media type of access tokens; a token of any other type (an ID token, say) is refused. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Pinned: a token naming any other algorithm (`none`, or RS256 with our secret as a "public key") fails. */
export const ACCESS_TOKEN_ALGORITHMS: Algorithm[] = ['HS256'];

/**
 * Short-lived (15 min) signed access tokens. The checks live here once: the passport strategy that
 * authenticates requests and `verify` (which only tells which session a request is from) share them.
 */
@Injectable()
export class AccessTokens {
  /**
   * A KeyObject, not the raw bytes: given bytes, jsonwebtoken first tries them as a public key on
   * every verification (and throws, and catches), a tenth of a signed-in request's time.
   */
  readonly key: KeyObject;
  readonly issuer: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createSecretKey(deriveKey(config.secrets.app, 'access-token'));
    this.issuer = config.appUrl;
  }

  sign(claims: AccessClaims): string {
    return jwt.sign({ sid: claims.sessionId, roles: claims.roles }, this.key, {
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: ACCESS_TOKEN_TYPE },
      subject: claims.userId,
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: this.issuer,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    });
  }

  /** Whether an (unverified) token says it is an access token; its signature covers the header. */
  static isAccessTokenType(token: string): boolean {
    return jwt.decode(token, { complete: true })?.header.typ === ACCESS_TOKEN_TYPE;
  }

  /** The claims of a verified payload, or null when they are not the shape this API signs. */
  static claimsOf(payload: string | JwtPayload): AccessClaims | null {
    if (typeof payload === 'string') return null;
    const { sub, sid, roles } = payload as { sub?: unknown; sid?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || typeof sid !== 'string' || !Array.isArray(roles)) return null;
    return { userId: sub, sessionId: sid, roles: roles as Role[] };
  }

  /**
   * The claims of a valid token, or null for anything expired, forged, of another type or audience.
   * `allowExpired` still checks the signature; it only serves to tell which session a request is from.
   */
  verify(token: string, { allowExpired = false } = {}): AccessClaims | null {
    try {
      const options: VerifyOptions = {
        algorithms: ACCESS_TOKEN_ALGORITHMS,
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: this.issuer,
        ignoreExpiration: allowExpired,
      };
      if (!AccessTokens.isAccessTokenType(token)) return null;
      return AccessTokens.claimsOf(jwt.verify(token, this.key, options));
    } catch {
      return null;
    }
  }
}
