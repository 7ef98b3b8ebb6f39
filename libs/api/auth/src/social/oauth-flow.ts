import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SocialProvider } from '../entities/social-identity.entity';

/** What a sign-in through a provider must remember between leaving for the provider and coming back. */
export interface OAuthFlow {
  provider: SocialProvider;
  state: string;
  nonce?: string;
  codeVerifier?: string;
  /** Where in the web app to land afterwards (a path, never another site). */
  returnTo: string;
  /** Set when a signed-in user links the provider from Account settings. */
  linkUserId?: string;
  expiresAt: number;
}

export const OAUTH_FLOW_COOKIE = '__Host-hk_oauth';
export const OAUTH_FLOW_TTL_MS = 10 * 60_000;

/** A path inside the app; anything else (another origin, `//host`, `/\\host`) falls back to /tools. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/tools';
}

/**
 * The flow travels in an httpOnly cookie, HMAC-signed so it cannot be altered; it holds nothing the
 * browser's owner may not see (their own state, nonce and PKCE verifier).
 */
export class OAuthFlowSeal {
  constructor(private readonly key: Buffer) {}

  seal(flow: OAuthFlow): string {
    const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  open(cookie: string | undefined, now = Date.now()): OAuthFlow | null {
    const [body, mac] = cookie?.split('.') ?? [];
    if (!body || !mac) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OAuthFlow;
      return flow.expiresAt > now ? flow : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
