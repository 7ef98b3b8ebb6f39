import { APP_CONFIG, type AppConfig, deriveKey, ProblemException } from '@huntkit/api/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SocialProvider } from '../entities/social-identity.entity';
import { GithubSignIn } from './github-sign-in';
import { GoogleSignIn } from './google-sign-in';
import { OAUTH_FLOW_COOKIE, OAUTH_FLOW_TTL_MS, type OAuthFlow, OAuthFlowSeal } from './oauth-flow';
import { PROVIDER_NAMES } from './social-sign-in.service';

export const SOCIAL_PROVIDERS: SocialProvider[] = ['google', 'github'];

const flowCookie = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' as const };

export type ProviderClient = GoogleSignIn | GithubSignIn;

/**
 * Trips to a provider and back, for signing in (auth) and for connecting a provider to a signed-in
 * account (account): the flow's secrets travel in a signed httpOnly cookie between the two legs.
 */
@Injectable()
export class SocialFlows {
  private readonly seal: OAuthFlowSeal;

  constructor(
    private readonly google: GoogleSignIn,
    private readonly github: GithubSignIn,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.seal = new OAuthFlowSeal(deriveKey(config.secrets.app, 'oauth-flow-cookie'));
  }

  client(provider: SocialProvider): ProviderClient {
    return provider === 'google' ? this.google : this.github;
  }

  /** Makes the flow's secrets, keeps them in the signed cookie, and answers the provider's URL. */
  async begin(
    provider: SocialProvider,
    intent: Pick<OAuthFlow, 'returnTo' | 'linkUserId'>,
    reply: FastifyReply,
  ): Promise<string> {
    const client = this.client(provider);
    if (!client.configured)
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'provider_not_configured',
        `Signing in with ${PROVIDER_NAMES[provider]} is not configured on this site.`,
      );
    const flow: OAuthFlow = {
      provider,
      ...client.newFlowSecrets(),
      ...intent,
      expiresAt: Date.now() + OAUTH_FLOW_TTL_MS,
    };
    const url = await client.authorizationUrl(flow);
    void reply.setCookie(OAUTH_FLOW_COOKIE, this.seal.seal(flow), {
      ...flowCookie,
      maxAge: OAUTH_FLOW_TTL_MS / 1000,
    });
    return url;
  }

  /** The flow the browser comes back with, if it is intact and fresh; its cookie is spent either way. */
  finish(request: FastifyRequest, reply: FastifyReply): OAuthFlow | null {
    const flow = this.seal.open(request.cookies?.[OAUTH_FLOW_COOKIE]);
    void reply.clearCookie(OAUTH_FLOW_COOKIE, flowCookie);
    return flow;
  }
}
