import { type ApiToken, ApiTokensService } from '@huntkit/api/auth';
import { auditContextOf } from '@huntkit/api/audit';
import {
  API_TOKEN_SCOPE_NAMES,
  API_TOKEN_SCOPES,
  ApiProblems,
  SignedIn,
  type SignedInRequest,
} from '@huntkit/api/core';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import { ApiTokenDto, ApiTokenScopeDto, CreateApiTokenDto, CreatedApiTokenDto } from '../dto/api-token.dto';

const DAY_MS = 24 * 3600 * 1000;

function toDto(token: ApiToken, now = Date.now()): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    scopes: [...token.scopes],
    displayPrefix: token.displayPrefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expired: token.expiresAt !== null && token.expiresAt.getTime() <= now,
  };
}

/** Personal API tokens. Managed from a signed-in session only: no token can mint or list tokens. */
@ApiTags('API tokens')
@Controller('me')
@SignedIn()
@ApiProblems(401, 403)
export class ApiTokensController {
  constructor(private readonly apiTokens: ApiTokensService) {}

  @Get('api-tokens')
  @ApiOperation({ summary: 'Your personal API tokens (never their secrets)' })
  @ApiOkResponse({ type: ApiTokenDto, isArray: true })
  async listApiTokens(@Req() request: SignedInRequest): Promise<ApiTokenDto[]> {
    return (await this.apiTokens.list(request.user.id)).map((token) => toDto(token));
  }

  @RequireRecentAuth()
  @Post('api-tokens')
  @ApiOperation({
    summary: 'Create a personal API token',
    description:
      'The secret is in this response only. Names are unique among your usable tokens, so a repeated request answers 409 instead of minting a second token.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiProblems(409, 422)
  async createApiToken(
    @Req() request: SignedInRequest,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    const days = body.expiresInDays ?? null;
    const { record, secret } = await this.apiTokens.create(
      request.user.id,
      {
        name: body.name,
        scopes: body.scopes,
        expiresAt: days === null ? null : new Date(Date.now() + days * DAY_MS),
      },
      auditContextOf(request),
    );
    return { ...toDto(record), token: secret };
  }

  @Delete('api-tokens/:tokenId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a personal API token (it stops working at once; safe to repeat)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(404)
  async revokeApiToken(
    @Req() request: SignedInRequest,
    @Param('tokenId', new ParseUUIDPipe({ version: '4' })) tokenId: string,
  ): Promise<void> {
    await this.apiTokens.revoke(request.user.id, tokenId, auditContextOf(request));
  }

  @Get('api-token-scopes')
  @ApiOperation({ summary: 'The scopes a personal API token can be granted' })
  @ApiOkResponse({ type: ApiTokenScopeDto, isArray: true })
  listApiTokenScopes(): ApiTokenScopeDto[] {
    return API_TOKEN_SCOPE_NAMES.map((scope) => ({ scope, description: API_TOKEN_SCOPES[scope] }));
  }
}
