import { type AuditRecord, AuditService } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { CreditsService } from '@huntkit/api/credits';
import { UsersService } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { BILLING_PRODUCTS, type BillingProductId, PRO_MONTHLY_CREDITS } from './billing-products';
import { BillingCustomer } from './entities/billing-customer.entity';
import { ProSubscription } from './entities/pro-subscription.entity';
import { StripeClient } from './stripe-client';

/** Stripe statuses in which the subscriber has Pro. */
const ACTIVE_STATUSES = new Set(['active', 'trialing', 'past_due']);

export interface PlanState {
  plan: 'free' | 'pro';
  source: ProSubscription['source'] | null;
  status: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  /** Whether a Stripe customer exists, so the billing portal has something to show. */
  hasBillingAccount: boolean;
}

@Injectable()
export class BillingService {
  constructor(
    private readonly em: EntityManager,
    private readonly stripe: StripeClient,
    private readonly credits: CreditsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The current Pro period, if any: the latest one still running and not ended. */
  async planOf(userId: string, now = new Date()): Promise<PlanState> {
    const em = this.em.fork();
    const [periods, customer] = await Promise.all([
      em.find(
        ProSubscription,
        { userId, currentPeriodEnd: { $gt: now } },
        { orderBy: { currentPeriodEnd: 'desc' } },
      ),
      em.findOne(BillingCustomer, { userId }),
    ]);
    const current = periods.find((period) => ACTIVE_STATUSES.has(period.status)) ?? null;
    return {
      plan: current ? 'pro' : 'free',
      source: current?.source ?? null,
      status: current?.status ?? null,
      currentPeriodEnd: current?.currentPeriodEnd ?? null,
      cancelAtPeriodEnd: current?.cancelAtPeriodEnd ?? false,
      hasBillingAccount: customer !== null,
    };
  }

  /**
   * A Stripe Checkout page for Pro or a pack. The customer exists before the first checkout; a repeat
   * with the same idempotency key (a double click) returns the same page.
   */
  async checkout(userId: string, product: BillingProductId, idempotencyKey: string): Promise<string> {
    const stripe = this.stripe.require();
    const item = BILLING_PRODUCTS[product];
    if (item.kind === 'subscription' && (await this.planOf(userId)).source === 'stripe') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'already_subscribed',
        'You already have Pro. Manage it from the billing portal.',
      );
    }
    const customer = await this.customerOf(userId);
    const base = `${this.config.appUrl}/billing`;
    const session = await stripe.checkout.sessions.create(
      {
        mode: item.kind === 'subscription' ? 'subscription' : 'payment',
        customer,
        client_reference_id: userId,
        metadata: { userId, product },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: item.priceCents,
              product_data: { name: item.name },
              ...(item.kind === 'subscription' ? { recurring: { interval: 'month' as const } } : {}),
            },
          },
        ],
        ...(item.kind === 'subscription' ? { subscription_data: { metadata: { userId } } } : {}),
        success_url: `${base}?checkout=success`,
        cancel_url: `${base}?checkout=cancelled`,
      },
      { idempotencyKey: `checkout-${userId}-${idempotencyKey}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return session.url;
  }

  /** A Stripe billing portal page: card, cancellation, invoices. */
  async portal(userId: string): Promise<string> {
    const stripe = this.stripe.require();
    const customer = await this.em.fork().findOne(BillingCustomer, { userId });
    if (!customer) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'no_billing_account',
        'There is nothing to manage yet: buy Pro or a pack first.',
      );
    }
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.stripeCustomerId,
      return_url: `${this.config.appUrl}/billing`,
    });
    return session.url;
  }

  /** An admin gives Pro until a date: a period of its own and the month's 100 credits. Idempotent by key. */
  async givePro(
    userId: string,
    until: Date,
    reason: string,
    key: string,
    actor: Pick<AuditRecord, 'actorId' | 'ip' | 'userAgent'>,
    now = new Date(),
  ): Promise<PlanState> {
    const id = `admin:${key}`;
    const monthEnd = new Date(Math.min(until.getTime(), now.getTime() + 31 * 24 * 3600_000));
    // The Pro period and its credits are written together: a retry finds both or neither.
    await this.credits.transaction(async (tx) => {
      if (!(await tx.em.findOne(ProSubscription, { id })))
        await tx.em.upsert(ProSubscription, {
          id,
          userId,
          source: 'admin',
          status: 'active',
          currentPeriodEnd: until,
          cancelAtPeriodEnd: true,
          reason,
          updatedAt: now,
        });
      await tx.grant(
        userId,
        { kind: 'pro', amount: PRO_MONTHLY_CREDITS, expiresAt: monthEnd, source: id, reason },
        {
          ...actor,
          action: 'pro.given',
          targetUserId: userId,
          details: { until: until.toISOString(), reason },
        },
      );
    }, now);
    return this.planOf(userId, now);
  }

  /** Ends every admin-given Pro period of the user now (a Stripe subscription is cancelled in Stripe). */
  async removePro(
    userId: string,
    actor: Pick<AuditRecord, 'actorId' | 'ip' | 'userAgent'>,
    now = new Date(),
  ): Promise<PlanState> {
    await this.em.fork().transactional(async (em) => {
      const ended = await em.nativeUpdate(
        ProSubscription,
        { userId, source: 'admin', currentPeriodEnd: { $gt: now } },
        { status: 'canceled', currentPeriodEnd: now },
      );
      if (ended > 0) this.audit.record(em, { ...actor, action: 'pro.removed', targetUserId: userId });
    });
    return this.planOf(userId, now);
  }

  /** The user's Stripe customer, created once (a per-user lock keeps two first checkouts from making two). */
  private async customerOf(userId: string): Promise<string> {
    const stripe = this.stripe.require();
    return this.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`billing-customer:${userId}`]);
      const existing = await em.findOne(BillingCustomer, { userId });
      if (existing) return existing.stripeCustomerId;
      const user = await this.users.findById(userId);
      const customer = await stripe.customers.create(
        { email: user?.email, name: user?.displayName, metadata: { userId } },
        { idempotencyKey: `customer-${userId}` },
      );
      em.persist(em.create(BillingCustomer, { userId, stripeCustomerId: customer.id }));
      return customer.id;
    });
  }
}
