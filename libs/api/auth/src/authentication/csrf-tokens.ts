import { APP_CONFIG, type AppConfig, deriveKey } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed double-submit CSRF tokens (OWASP): `nonce.hmac(nonce, session)`. The web app reads the token
 * from its cookie and echoes it in a header; a forged page can do neither, and a token lifted from
 * another session does not verify for this one.
 */
@Injectable()
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = deriveKey(config.secrets.app, 'csrf');
  }

  issue(sessionBinding: string): string {
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.sign(nonce, sessionBinding)}`;
  }

  verify(token: string | undefined, sessionBinding: string): boolean {
    const [nonce, signature, ...rest] = (token ?? '').split('.');
    if (!nonce || !signature || rest.length > 0) return false;
    const expected = Buffer.from(this.sign(nonce, sessionBinding));
    const presented = Buffer.from(signature);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }

  private sign(nonce: string, sessionBinding: string): string {
    return createHmac('sha256', this.key).update(`${nonce}.${sessionBinding}`).digest('base64url');
  }
}
