import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { OAuthFlow } from './oauth-flow';
import type { ProviderProfile } from './provider-profile';

interface GithubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

const TIMEOUT_MS = 10_000;

/** GitHub sign-in: OAuth authorization code flow with state; the email is the primary verified one. */
@Injectable()
export class GithubSignIn {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.oauth.github !== null;
  }

  get redirectUri(): string {
    return `${this.config.appUrl}/api/auth/github/callback`;
  }

  newFlowSecrets(): Pick<OAuthFlow, 'state'> {
    return { state: randomBytes(32).toString('base64url') };
  }

  async authorizationUrl(flow: OAuthFlow): Promise<string> {
    const github = this.settings();
    const url = new URL(`${github.webUrl}/login/oauth/authorize`);
    url.search = new URLSearchParams({
      client_id: github.clientId,
      redirect_uri: this.redirectUri,
      scope: 'read:user user:email',
      state: flow.state,
    }).toString();
    return url.href;
  }

  async profileFrom(callbackQuery: string, flow: OAuthFlow): Promise<ProviderProfile> {
    const github = this.settings();
    const params = new URLSearchParams(callbackQuery);
    if (params.get('state') !== flow.state) throw new Error('state mismatch');
    const code = params.get('code');
    if (!code) throw new Error(params.get('error') ?? 'no code');
    const token = await this.json<{ access_token?: string; error?: string }>(
      `${github.webUrl}/login/oauth/access_token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: github.clientId,
          client_secret: github.clientSecret,
          code,
          redirect_uri: this.redirectUri,
        }),
      },
    );
    if (!token.access_token) throw new Error(token.error ?? 'no access token');
    const auth = { authorization: `Bearer ${token.access_token}` };
    const user = await this.json<{ id: number; login: string; name: string | null }>(
      `${github.apiUrl}/user`,
      {
        headers: auth,
      },
    );
    const emails = await this.json<GithubEmail[]>(`${github.apiUrl}/user/emails`, { headers: auth });
    const primary = emails.find((entry) => entry.primary && entry.verified);
    return {
      provider: 'github',
      subject: String(user.id),
      email: primary?.email.toLowerCase() ?? null,
      emailVerified: primary !== undefined,
      name: user.name || user.login,
    };
  }

  private async json<T>(url: string, init: RequestInit): Promise<T> {
    const response = await fetch(url, {
      ...init,
      headers: {
        accept: 'application/json',
        'user-agent': 'Huntkit',
        'x-github-api-version': '2022-11-28',
        ...(init.headers as Record<string, string>),
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`GitHub answered ${response.status} for ${new URL(url).pathname}`);
    return (await response.json()) as T;
  }

  private settings() {
    const github = this.config.oauth.github;
    if (!github) throw new Error('GitHub sign-in is not configured');
    return github;
  }
}
