import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import type { OAuthFlow } from './oauth-flow';
import type { ProviderProfile } from './provider-profile';

/**
 * Google sign-in: the OpenID Connect authorization code flow with PKCE, state and nonce, through
 * openid-client. The issuer is configurable, so tests run the same code against a local provider.
 */
@Injectable()
export class GoogleSignIn {
  private discovered: Promise<oidc.Configuration> | null = null;
  private keys: ReturnType<typeof createRemoteJWKSet> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.oauth.google !== null;
  }

  get redirectUri(): string {
    return `${this.config.appUrl}/api/auth/google/callback`;
  }

  /** Fresh secrets for one flow: what goes in the flow cookie. */
  newFlowSecrets(): Pick<OAuthFlow, 'state' | 'nonce' | 'codeVerifier'> {
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
  }

  async authorizationUrl(flow: OAuthFlow): Promise<string> {
    const configuration = await this.discover();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce ?? '',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier ?? ''),
      code_challenge_method: 'S256',
    });
    return url.href;
  }

  /** Redeems the code; openid-client checks state, nonce, PKCE, issuer, audience and the ID token's signature. */
  async profileFrom(callbackQuery: string, flow: OAuthFlow): Promise<ProviderProfile> {
    const configuration = await this.discover();
    const tokens = await oidc.authorizationCodeGrant(
      configuration,
      new URL(`${this.redirectUri}?${callbackQuery}`),
      {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      },
    );
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token claims');
    return this.profileOf(claims as JWTPayload);
  }

  /**
   * A One Tap credential is an ID token the page received from Google's script: checked here against
   * the issuer's published keys, issuer, audience (our client id), expiry and algorithm.
   */
  async profileFromIdToken(credential: string): Promise<ProviderProfile> {
    const google = this.config.oauth.google;
    if (!google) throw new Error('Google sign-in is not configured');
    const metadata = (await this.discover()).serverMetadata();
    if (!metadata.jwks_uri) throw new Error('the issuer publishes no keys');
    this.keys ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    // Google signs "accounts.google.com" without the scheme in some tokens.
    const issuers =
      metadata.issuer === 'https://accounts.google.com'
        ? [metadata.issuer, 'accounts.google.com']
        : [metadata.issuer];
    const { payload } = await jwtVerify(credential, this.keys, {
      issuer: issuers,
      audience: google.clientId,
      algorithms: ['RS256', 'ES256'],
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    return this.profileOf(payload);
  }

  private profileOf(claims: JWTPayload): ProviderProfile {
    return {
      provider: 'google',
      subject: String(claims.sub),
      email: typeof claims['email'] === 'string' ? claims['email'].toLowerCase() : null,
      emailVerified: claims['email_verified'] === true,
      name: typeof claims['name'] === 'string' ? claims['name'] : null,
    };
  }

  /** Discovery once per process; a failure is retried on the next sign-in rather than cached. */
  private discover(): Promise<oidc.Configuration> {
    const google = this.config.oauth.google;
    if (!google) throw new Error('Google sign-in is not configured');
    const issuer = new URL(google.issuer);
    this.discovered ??= oidc
      .discovery(
        issuer,
        google.clientId,
        google.clientSecret,
        undefined,
        // Plain http only for a local test provider; Google itself is https.
        issuer.protocol === 'http:' && !this.config.isProduction
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = null;
        throw error;
      });
    return this.discovered;
  }
}
