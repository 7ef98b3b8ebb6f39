import {
  ApiProblems,
  Idempotent,
  operationKeyOf,
  ProblemException,
  RequireRoles,
  SignedIn,
  type SignedInRequest,
  TokenScope,
  ValidationProblemException,
} from '@huntkit/api/core';
import { auditContextOf } from '@huntkit/api/audit';
import { UsersService } from '@huntkit/api/users';
import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreditsHistoryService } from './credits-history.service';
import { type Balance, CreditsService } from './credits.service';
import {
  AdminCreditGrantDto,
  CreditBalanceDto,
  CreditBucketDto,
  LedgerPageDto,
  LedgerQueryDto,
  UsageDayDto,
  UsageQueryDto,
} from './dto/credits.dto';
import type { CreditBucket } from './entities/credit-bucket.entity';

function toBucketDto(
  bucket: Pick<CreditBucket, 'kind' | 'remaining' | 'granted' | 'expiresAt'>,
): CreditBucketDto {
  return {
    kind: bucket.kind,
    remaining: bucket.remaining,
    granted: bucket.granted,
    expiresAt: bucket.expiresAt?.toISOString() ?? null,
  };
}

@ApiTags('Credits')
@Controller('credits')
@SignedIn()
@TokenScope('credits:read')
@ApiProblems(401, 403)
export class CreditsController {
  constructor(
    private readonly credits: CreditsService,
    private readonly history: CreditsHistoryService,
  ) {}

  @Get('balance')
  @ApiOperation({ summary: 'Your credits by bucket, in the order they are spent' })
  @ApiOkResponse({ type: CreditBalanceDto })
  async getCreditBalance(@Req() request: SignedInRequest): Promise<CreditBalanceDto> {
    return this.toBalanceDto(await this.credits.balance(request.user.id));
  }

  @Get('ledger')
  @ApiOperation({ summary: 'Every grant, spend, refund and expiry of your credits, newest first' })
  @ApiOkResponse({ type: LedgerPageDto })
  @ApiProblems(422)
  async listCreditLedger(
    @Req() request: SignedInRequest,
    @Query() query: LedgerQueryDto,
  ): Promise<LedgerPageDto> {
    const { items, total } = await this.history.ledger(request.user.id, {
      page: query.page,
      pageSize: query.pageSize,
      kinds: query.kind,
      from: query.from,
      to: query.to,
    });
    return {
      items: items.map((entry) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        kind: entry.kind,
        amount: entry.amount,
        bucketKind: entry.bucketKind,
        reference: entry.reference,
        description: entry.description,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  @Get('usage')
  @ApiOperation({ summary: 'Credits spent per day in your time zone (zeros included), for charts' })
  @ApiOkResponse({ type: UsageDayDto, isArray: true })
  @ApiProblems(422)
  getCreditUsage(@Req() request: SignedInRequest, @Query() query: UsageQueryDto): Promise<UsageDayDto[]> {
    return this.history.usage(request.user.id, query.days);
  }

  private toBalanceDto(balance: Balance): CreditBalanceDto {
    return {
      total: balance.total,
      reserved: balance.reserved,
      dailyAllowance: balance.dailyAllowance,
      dailyResetsAt: balance.dailyResetsAt.toISOString(),
      buckets: balance.buckets.map(toBucketDto),
    };
  }
}

/** Admin side of the ledger. (Audit entries join when the audit module lands.) */
@ApiTags('Admin')
@Controller('admin/users/:userId/credit-grants')
@RequireRoles('admin', 'superadmin')
@ApiProblems(401, 403, 404, 422)
export class AdminCreditsController {
  constructor(
    private readonly credits: CreditsService,
    private readonly users: UsersService,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: "Grant credits to a user's account",
    description:
      'Idempotent by `idempotencyKey` (or the Idempotency-Key header): repeating the request grants once and answers the same.',
  })
  @ApiCreatedResponse({ type: CreditBucketDto })
  async grantCredits(
    @Param('userId', new ParseUUIDPipe({ version: '4' })) userId: string,
    @Body() body: AdminCreditGrantDto,
    @Req() request: SignedInRequest,
  ): Promise<CreditBucketDto> {
    if (!(await this.users.findById(userId))) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'user_not_found', 'There is no such user.');
    }
    if (body.expiresAt && body.expiresAt.getTime() <= Date.now()) {
      throw new ValidationProblemException([
        { field: 'expiresAt', pointer: '/expiresAt', detail: 'Pick a time in the future.' },
      ]);
    }
    const key = operationKeyOf(request, body.idempotencyKey);
    const expiresAt = body.expiresAt ?? null;
    const bucket = await this.credits.grant(
      userId,
      {
        kind: 'grant',
        amount: body.amount,
        expiresAt,
        source: `admin:${key}`,
        reason: body.reason,
      },
      new Date(),
      {
        ...auditContextOf(request),
        action: 'credits.granted',
        targetUserId: userId,
        details: { amount: body.amount, expiresAt: expiresAt?.toISOString() ?? null, reason: body.reason },
      },
    );
    return toBucketDto(bucket);
  }
}
