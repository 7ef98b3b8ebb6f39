import { Omittable } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BILLING_PRODUCT_IDS, type BillingProductId } from '../billing-products';

export class BillingProductDto {
  @ApiProperty({ enum: BILLING_PRODUCT_IDS }) id!: BillingProductId;
  @ApiProperty({ enum: ['subscription', 'pack'] }) kind!: 'subscription' | 'pack';
  @ApiProperty({ example: '200 credits' }) name!: string;
  @ApiProperty({ example: 4000, description: 'US cents (per month for the subscription)' })
  priceCents!: number;
  @ApiProperty({ example: 200, description: 'Credits it adds (per month for the subscription)' })
  credits!: number;
}

export class BillingPlanDto {
  @ApiProperty({ description: 'False when this server has no Stripe keys: nothing can be bought' })
  billingConfigured!: boolean;
  @ApiProperty({ enum: ['free', 'pro'] }) plan!: 'free' | 'pro';
  @ApiProperty({ enum: ['stripe', 'admin'], nullable: true, type: String }) source!:
    | 'stripe'
    | 'admin'
    | null;
  @ApiProperty({ nullable: true, type: String, example: 'active' }) status!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When Pro renews (or ends, if cancelAtPeriodEnd)',
  })
  currentPeriodEnd!: string | null;
  @ApiProperty() cancelAtPeriodEnd!: boolean;
  @ApiProperty({ description: 'A Stripe customer exists: the billing portal has card and invoices to show' })
  hasBillingAccount!: boolean;
  @ApiProperty({ type: BillingProductDto, isArray: true }) products!: BillingProductDto[];
}

export class CheckoutDto {
  @ApiProperty({ enum: BILLING_PRODUCT_IDS })
  @IsIn(BILLING_PRODUCT_IDS, { message: `Choose one of ${BILLING_PRODUCT_IDS.join(', ')}.` })
  product!: BillingProductId;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Chosen by the client per purchase; a repeat returns the same page. Required unless the request has an Idempotency-Key header.',
  })
  @Omittable()
  @IsUUID('4')
  idempotencyKey?: string;
}

export class RedirectDto {
  @ApiProperty({ example: 'https://checkout.stripe.com/c/pay/cs_test_…' }) url!: string;
}

export class WebhookAckDto {
  @ApiProperty({ enum: ['processed', 'duplicate'] }) result!: 'processed' | 'duplicate';
}

export class GiveProDto {
  @ApiProperty({ format: 'date-time', description: 'When the Pro period ends' })
  @Type(() => Date)
  @IsDate({ message: 'Use an ISO 8601 date-time.' })
  until!: Date;

  @ApiProperty({ example: 'Conference speaker', minLength: 3, maxLength: 300 })
  @IsString()
  @MinLength(3, { message: 'Say why, for the audit log.' })
  @MaxLength(300)
  reason!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Chosen by the client; a repeat gives Pro once. Required unless the request has an Idempotency-Key header.',
  })
  @Omittable()
  @IsUUID('4')
  idempotencyKey?: string;
}
