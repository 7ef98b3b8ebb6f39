import {
  ApiProblems,
  Idempotent,
  operationKeyOf,
  ProblemException,
  Public,
  RequireRoles,
  SignedIn,
  type SignedInRequest,
  ValidationProblemException,
} from '@huntkit/api/core';
import { auditContextOf } from '@huntkit/api/audit';
import { UsersService } from '@huntkit/api/users';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { BILLING_PRODUCT_IDS, BILLING_PRODUCTS } from './billing-products';
import { BillingService, type PlanState } from './billing.service';
import { BillingPlanDto, CheckoutDto, GiveProDto, RedirectDto, WebhookAckDto } from './dto/billing.dto';
import { StripeClient } from './stripe-client';
import { StripeWebhooks } from './stripe-webhooks.service';

const PRODUCTS = BILLING_PRODUCT_IDS.map((id) => ({ id, ...BILLING_PRODUCTS[id] }));

export function toPlanDto(plan: PlanState, billingConfigured: boolean): BillingPlanDto {
  return {
    billingConfigured,
    plan: plan.plan,
    source: plan.source,
    status: plan.status,
    currentPeriodEnd: plan.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: plan.cancelAtPeriodEnd,
    hasBillingAccount: plan.hasBillingAccount,
    products: PRODUCTS,
  };
}

@ApiTags('Billing')
@Controller('billing')
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly webhooks: StripeWebhooks,
    private readonly stripe: StripeClient,
  ) {}

  @Get('plan')
  @SignedIn()
  @ApiOperation({ summary: 'Your plan, its renewal, and what can be bought' })
  @ApiOkResponse({ type: BillingPlanDto })
  @ApiProblems(401)
  async getBillingPlan(@Req() request: SignedInRequest): Promise<BillingPlanDto> {
    return toPlanDto(await this.billing.planOf(request.user.id), this.stripe.configured);
  }

  @Post('checkout')
  @Idempotent()
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start a Stripe Checkout for Pro or a credit pack',
    description: 'Answers the page to send the browser to. 503 `billing_not_configured` without Stripe keys.',
  })
  @ApiOkResponse({ type: RedirectDto })
  @ApiProblems(401, 403, 409, 422, 503)
  async startCheckout(@Req() request: SignedInRequest, @Body() body: CheckoutDto): Promise<RedirectDto> {
    const key = operationKeyOf(request, body.idempotencyKey);
    return { url: await this.billing.checkout(request.user.id, body.product, key) };
  }

  @Post('portal')
  @Idempotent()
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Open Stripe's billing portal: card, cancellation, invoices" })
  @ApiOkResponse({ type: RedirectDto })
  @ApiProblems(401, 403, 409, 503)
  async openBillingPortal(@Req() request: SignedInRequest): Promise<RedirectDto> {
    return { url: await this.billing.portal(request.user.id) };
  }

  @Post('webhook')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Stripe webhook endpoint (signed by Stripe; each event processed once)',
  })
  @ApiOkResponse({ type: WebhookAckDto })
  @ApiProblems(400, 503)
  async receiveStripeWebhook(
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<WebhookAckDto> {
    return { result: await this.webhooks.receive(request.rawBody, signature) };
  }
}

@ApiTags('Admin')
@Controller('admin/users/:userId/pro')
@RequireRoles('admin', 'superadmin')
@ApiProblems(401, 403, 404, 422)
export class AdminProController {
  constructor(
    private readonly billing: BillingService,
    private readonly users: UsersService,
    private readonly stripe: StripeClient,
  ) {}

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Give a user Pro until a date (with the month’s 100 credits); idempotent by key' })
  @ApiOkResponse({ type: BillingPlanDto })
  async givePro(
    @Param('userId', new ParseUUIDPipe({ version: '4' })) userId: string,
    @Body() body: GiveProDto,
    @Req() request: SignedInRequest,
  ): Promise<BillingPlanDto> {
    await this.assertUser(userId);
    const now = Date.now();
    if (body.until.getTime() <= now || body.until.getTime() > now + 366 * 24 * 3600_000) {
      throw new ValidationProblemException([
        { field: 'until', pointer: '/until', detail: 'Pick a date within the next year.' },
      ]);
    }
    const plan = await this.billing.givePro(
      userId,
      body.until,
      body.reason,
      operationKeyOf(request, body.idempotencyKey),
      auditContextOf(request),
    );
    return toPlanDto(plan, this.stripe.configured);
  }

  @Delete()
  @ApiOperation({
    summary: 'End the Pro periods an admin gave (a Stripe subscription is cancelled in Stripe)',
  })
  @ApiOkResponse({ type: BillingPlanDto })
  async removePro(
    @Param('userId', new ParseUUIDPipe({ version: '4' })) userId: string,
    @Req() request: SignedInRequest,
  ): Promise<BillingPlanDto> {
    await this.assertUser(userId);
    return toPlanDto(await this.billing.removePro(userId, auditContextOf(request)), this.stripe.configured);
  }

  private async assertUser(userId: string): Promise<void> {
    if (!(await this.users.findById(userId))) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'user_not_found', 'There is no such user.');
    }
  }
}
