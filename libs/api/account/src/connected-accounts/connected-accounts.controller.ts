import { SOCIAL_PROVIDERS, SocialFlows, type SocialProvider, SocialSignInService } from '@huntkit/api/auth';
import { auditContextOf } from '@huntkit/api/audit';
import { ApiProblems, SignedIn, type SignedInRequest } from '@huntkit/api/core';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseEnumPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthorizationUrlDto, ConnectedAccountsDto } from '../dto/connected-accounts.dto';

const providerParam = new ParseEnumPipe(SOCIAL_PROVIDERS);

/**
 * Providers that sign in to the account. Connecting one leaves through the same provider flow as
 * signing in (auth's callback finishes it). Tagged Auth, as before the split, so clients keep their services.
 */
@ApiTags('Auth')
@Controller('me/connected-accounts')
@SignedIn()
export class ConnectedAccountsController {
  constructor(
    private readonly flows: SocialFlows,
    private readonly social: SocialSignInService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Providers that sign in to your account, and which ones could be connected' })
  @ApiOkResponse({ type: ConnectedAccountsDto })
  @ApiProblems(401)
  async listConnectedAccounts(@Req() request: SignedInRequest): Promise<ConnectedAccountsDto> {
    const { accounts, hasPassword } = await this.social.list(request.user.id);
    return {
      hasPassword,
      providers: SOCIAL_PROVIDERS.map((provider) => {
        const linked = accounts.find((account) => account.provider === provider);
        return {
          provider,
          configured: this.flows.client(provider).configured,
          linked: !!linked,
          email: linked?.email ?? null,
          linkedAt: linked?.linkedAt.toISOString() ?? null,
        };
      }),
    };
  }

  @Post(':provider')
  @RequireRecentAuth()
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'provider', enum: SOCIAL_PROVIDERS })
  @ApiOperation({
    summary: 'Start connecting a provider: answers the URL to send the browser to',
    description: 'Needs a recent sign-in or re-authentication (403 `reauthentication_required` otherwise).',
  })
  @ApiOkResponse({ type: AuthorizationUrlDto })
  @ApiProblems(400, 401, 403, 503)
  async startLinkingProvider(
    @Param('provider', providerParam) provider: SocialProvider,
    @Req() request: SignedInRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizationUrlDto> {
    const intent = { returnTo: '/account', linkUserId: request.user.id };
    return { authorizationUrl: await this.flows.begin(provider, intent, reply) };
  }

  @Delete(':provider')
  @RequireRecentAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'provider', enum: SOCIAL_PROVIDERS })
  @ApiOperation({
    summary: 'Disconnect a provider; refused (409 `last_sign_in_method`) when it is the only way to sign in',
  })
  @ApiNoContentResponse({ description: 'Disconnected; a notice is mailed' })
  @ApiProblems(400, 401, 403, 404, 409)
  async unlinkProvider(
    @Param('provider', providerParam) provider: SocialProvider,
    @Req() request: SignedInRequest,
  ): Promise<void> {
    await this.social.unlink(request.user.id, provider, auditContextOf(request));
  }
}
