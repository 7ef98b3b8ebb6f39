import {
  API_TOKEN_SCOPE_NAMES,
  type ApiTokenScope,
  type MatrixPrincipal,
  type Role,
} from '@huntkit/api/core';
import { randomUUID } from 'node:crypto';
import type { CookieJar } from '../cookie-jar';
import type { CallOptions, SignedInHarness } from '../signed-in-harness';

/** How one request authenticates: a browser tab's cookies (with the CSRF header), or a bearer token. */
export type Credentials = Pick<CallOptions, 'jar' | 'csrf' | 'bearer'>;

type AccountKind = 'user' | 'admin' | 'superadmin';

const ROLES: Record<AccountKind, Role[]> = {
  user: ['user'],
  admin: ['user', 'admin'],
  superadmin: ['user', 'superadmin'],
};

/**
 * The callers of the access matrix, each with a real account, a real session and real API tokens.
 * Operations the matrix calls may end a caller's session (signing out, revoking every session), so a
 * session is checked before each use and signed in again when it has gone.
 */
export class MatrixPrincipals {
  private readonly emails = new Map<AccountKind, string>();
  private readonly jars = new Map<AccountKind, CookieJar>();
  private readonly tokens = new Map<string, string>();

  constructor(private readonly harness: SignedInHarness) {}

  /** Credentials for `principal` calling an operation that needs `scope` (if any). */
  async credentials(principal: MatrixPrincipal, scope: ApiTokenScope | undefined): Promise<Credentials> {
    switch (principal.credential) {
      case 'none':
        return {};
      case 'session':
        return { jar: await this.session(this.kindOf(principal)), csrf: true };
      case 'every':
        return { bearer: await this.token(this.kindOf(principal), API_TOKEN_SCOPE_NAMES) };
      case 'allButNeeded': {
        // An operation no token may call is refused whatever the scopes: any partial token will do.
        const scopes = API_TOKEN_SCOPE_NAMES.filter((name) => name !== (scope ?? 'account:read'));
        return { bearer: await this.token(this.kindOf(principal), scopes) };
      }
    }
  }

  private kindOf(principal: MatrixPrincipal): AccountKind {
    if (principal.roles.includes('superadmin')) return 'superadmin';
    return principal.roles.includes('admin') ? 'admin' : 'user';
  }

  private async session(kind: AccountKind): Promise<CookieJar> {
    const jar = this.jars.get(kind);
    if (jar && (await this.harness.call('/api/me', { jar })).status === 200) return jar;
    let email = this.emails.get(kind);
    if (!email) {
      email = `matrix-${kind}-${randomUUID().slice(0, 8)}@example.com`;
      await this.harness.createUser(email, { roles: ROLES[kind] });
      this.emails.set(kind, email);
    }
    const signedIn = await this.harness.signIn(email);
    this.jars.set(kind, signedIn);
    return signedIn;
  }

  private async token(kind: AccountKind, scopes: readonly ApiTokenScope[]): Promise<string> {
    const key = `${kind}:${scopes.join(',')}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const created = await this.harness.call('/api/me/api-tokens', {
      method: 'POST',
      jar: await this.session(kind),
      csrf: true,
      json: { name: `matrix ${scopes.length} scopes ${randomUUID().slice(0, 6)}`, scopes },
    });
    if (created.status !== 201) throw new Error(`creating a ${key} token answered ${created.status}`);
    const token = String(created.body['token']);
    this.tokens.set(key, token);
    return token;
  }
}
