import { ProblemException } from '@huntkit/api/core';
import { CreditsService } from '@huntkit/api/credits';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { BillingMails, formatMoney } from './billing-mails';
import { BILLING_PRODUCTS, isBillingProduct, PRO_MONTHLY_CREDITS } from './billing-products';
import { BillingCustomer } from './entities/billing-customer.entity';
import { ProSubscription } from './entities/pro-subscription.entity';
import { StripeEvent } from './entities/stripe-event.entity';
import { billingNotConfigured, StripeClient } from './stripe-client';

/** Subscription states in which Stripe is still trying to take a payment. */
const PAYMENT_OWED = new Set(['past_due', 'unpaid']);

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/**
 * Stripe's events, verified on the raw body and processed once each. Credits are granted with the
 * Stripe object as their source (`checkout:cs_…`, `invoice:in_…`), and subscription state is re-read
 * from Stripe rather than taken from the event, so duplicates and out-of-order delivery are harmless.
 */
@Injectable()
export class StripeWebhooks {
  private readonly logger = new Logger(StripeWebhooks.name);

  constructor(
    private readonly em: EntityManager,
    private readonly stripe: StripeClient,
    private readonly credits: CreditsService,
    private readonly mails: BillingMails,
  ) {}

  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<'processed' | 'duplicate'> {
    const stripe = this.stripe.require();
    if (!this.stripe.webhookSecret) throw billingNotConfigured();
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(
        rawBody ?? Buffer.alloc(0),
        signature ?? '',
        this.stripe.webhookSecret,
      );
    } catch {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'invalid_signature',
        'The Stripe signature does not match.',
      );
    }
    const em = this.em.fork();
    await em.execute(
      'insert into stripe_events (id, type, received_at) values (?, ?, now()) on conflict do nothing',
      [event.id, event.type],
    );
    const stored = await em.findOneOrFail(StripeEvent, { id: event.id });
    if (stored.processedAt) return 'duplicate';
    await this.process(event);
    await em.nativeUpdate(StripeEvent, { id: event.id }, { processedAt: new Date() });
    return 'processed';
  }

  /** The events Huntkit acts on; Stripe may send others (the endpoint's settings), which are ignored. */
  private async process(event: Stripe.Event): Promise<void> {
    const object = event.data.object as unknown;
    const handlers: Record<string, () => Promise<unknown>> = {
      'checkout.session.completed': () => this.checkoutCompleted(object as Stripe.Checkout.Session),
      'checkout.session.async_payment_succeeded': () =>
        this.checkoutCompleted(object as Stripe.Checkout.Session),
      'invoice.paid': () => this.invoicePaid(object as Stripe.Invoice),
      'invoice.payment_failed': () => this.invoicePaymentFailed(object as Stripe.Invoice),
      'customer.subscription.created': () => this.syncSubscription((object as Stripe.Subscription).id),
      'customer.subscription.updated': () => this.syncSubscription((object as Stripe.Subscription).id),
      'customer.subscription.deleted': () => this.syncSubscription((object as Stripe.Subscription).id),
    };
    const handle = handlers[event.type];
    if (handle) await handle();
    else this.logger.debug(`ignoring Stripe event ${event.type}`);
  }

  private async checkoutCompleted(session: Stripe.Checkout.Session): Promise<void> {
    const userId = session.metadata?.['userId'] ?? session.client_reference_id;
    const product = session.metadata?.['product'];
    if (!userId || !isBillingProduct(product)) return;
    await this.rememberCustomer(userId, idOf(session.customer));
    if (session.mode === 'subscription') {
      await this.syncSubscription(idOf(session.subscription));
      return;
    }
    if (session.payment_status !== 'paid') return; // async methods finish with async_payment_succeeded
    const { credits, name, priceCents } = BILLING_PRODUCTS[product];
    await this.credits.grant(userId, {
      kind: 'topup',
      amount: credits,
      expiresAt: null,
      source: `checkout:${session.id}`,
      reason: `${name} pack`,
    });
    await this.mails.paymentReceived(
      userId,
      {
        purchase: `a pack of ${name}`,
        amount: formatMoney(session.amount_total ?? priceCents, session.currency ?? 'usd'),
        credits,
        creditsExpireAt: null,
      },
      session.id,
    );
  }

  /** The month's 100 Pro credits, once per paid invoice of a new or renewed subscription. */
  private async invoicePaid(invoice: Stripe.Invoice): Promise<void> {
    const subscriptionId = this.subscriptionOfInvoice(invoice);
    const subscription = await this.syncSubscription(subscriptionId);
    if (!subscription) return;
    if (invoice.billing_reason !== 'subscription_create' && invoice.billing_reason !== 'subscription_cycle')
      return;
    const periodEnd = invoice.lines.data[0]?.period.end;
    const expiresAt = periodEnd ? new Date(periodEnd * 1000) : subscription.currentPeriodEnd;
    await this.credits.grant(subscription.userId, {
      kind: 'pro',
      amount: PRO_MONTHLY_CREDITS,
      expiresAt,
      source: `invoice:${invoice.id}`,
      reason: 'Huntkit Pro, monthly credits',
    });
    await this.mails.paymentReceived(
      subscription.userId,
      {
        purchase:
          invoice.billing_reason === 'subscription_create'
            ? 'Huntkit Pro, first month'
            : 'Huntkit Pro, monthly renewal',
        amount: formatMoney(invoice.amount_paid, invoice.currency),
        credits: PRO_MONTHLY_CREDITS,
        creditsExpireAt: expiresAt,
      },
      invoice.id,
    );
  }

  /**
   * The subscription turns past due (re-read from Stripe), and its owner hears of each failed try.
   * A late or retried event about a renewal since paid, or a subscription since ended, mails nobody:
   * only Stripe's current word that payment is owed does.
   */
  private async invoicePaymentFailed(invoice: Stripe.Invoice): Promise<void> {
    const subscription = await this.syncSubscription(this.subscriptionOfInvoice(invoice));
    if (!subscription || !invoice.id || !PAYMENT_OWED.has(subscription.status)) return;
    await this.mails.paymentFailed(
      subscription.userId,
      formatMoney(invoice.amount_due, invoice.currency),
      invoice.id,
      invoice.attempt_count,
    );
  }

  private subscriptionOfInvoice(invoice: Stripe.Invoice): string | null {
    return idOf(invoice.parent?.subscription_details?.subscription);
  }

  /** Copies the subscription's current state from Stripe (never from the event, which may be stale). */
  private async syncSubscription(subscriptionId: string | null): Promise<ProSubscription | null> {
    if (!subscriptionId) return null;
    const remote = await this.stripe.require().subscriptions.retrieve(subscriptionId);
    const userId = remote.metadata['userId'] ?? (await this.userOfCustomer(idOf(remote.customer)));
    if (!userId) {
      this.logger.warn(`Stripe subscription ${remote.id} belongs to no known user`);
      return null;
    }
    const periodEnd = Math.max(0, ...remote.items.data.map((item) => item.current_period_end));
    const em = this.em.fork();
    return em.upsert(ProSubscription, {
      id: remote.id,
      userId,
      source: 'stripe',
      status: remote.status,
      currentPeriodEnd: new Date((remote.ended_at ?? periodEnd) * 1000),
      cancelAtPeriodEnd: remote.cancel_at_period_end,
      updatedAt: new Date(),
    });
  }

  private async rememberCustomer(userId: string, customerId: string | null): Promise<void> {
    if (!customerId) return;
    await this.em
      .fork()
      .execute(
        'insert into billing_customers (user_id, stripe_customer_id, created_at) values (?, ?, now()) on conflict do nothing',
        [userId, customerId],
      );
  }

  private async userOfCustomer(customerId: string | null): Promise<string | null> {
    if (!customerId) return null;
    return (await this.em.fork().findOne(BillingCustomer, { stripeCustomerId: customerId }))?.userId ?? null;
  }
}
