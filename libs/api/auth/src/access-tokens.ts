import { APP_CONFIG, type AppConfig, type Role } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_TTL_SECONDS } from './auth-cookies';
import { deriveKey } from '@huntkit/api/core';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  roles: Role[];
}

const AUDIENCE = 'huntkit-api';
/** RFC 9068 media type of access tokens; a token of any other type (an ID token, say) is refused. */
const TOKEN_TYPE = 'at+jwt';

/** Short-lived (15 min) signed access tokens. HS256 only: the algorithm is pinned when verifying. */
@Injectable()
export class AccessTokens {
  private readonly key: Buffer;
  private readonly issuer: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = deriveKey(config.secrets.app, 'access-token');
    this.issuer = config.appUrl;
  }

  sign(claims: AccessClaims): string {
    return jwt.sign({ sid: claims.sessionId, roles: claims.roles }, this.key, {
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: TOKEN_TYPE },
      subject: claims.userId,
      audience: AUDIENCE,
      issuer: this.issuer,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    });
  }

  /**
   * The claims of a valid token, or null for anything expired, forged, of another type or audience.
   * `allowExpired` still checks the signature; it only serves to tell which session a request is from.
   */
  verify(token: string, { allowExpired = false } = {}): AccessClaims | null {
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        issuer: this.issuer,
        complete: true,
        ignoreExpiration: allowExpired,
      });
      if (decoded.header.typ !== TOKEN_TYPE || typeof decoded.payload === 'string') return null;
      const { sub, sid, roles } = decoded.payload as { sub?: unknown; sid?: unknown; roles?: unknown };
      if (typeof sub !== 'string' || typeof sid !== 'string' || !Array.isArray(roles)) return null;
      return { userId: sub, sessionId: sid, roles: roles as Role[] };
    } catch {
      return null;
    }
  }
}
