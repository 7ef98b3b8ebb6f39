import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';

export const billingNotConfigured = () =>
  new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'billing_not_configured',
    'Billing is not configured on this server, so nothing can be bought here. An admin can still grant credits or Pro.',
  );

/** The Stripe SDK, pointed at STRIPE_API_URL when set (the tests' local stand-in); absent without keys. */
@Injectable()
export class StripeClient {
  readonly sdk: Stripe | null;
  readonly webhookSecret: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.webhookSecret = config.stripe?.webhookSecret ?? null;
    if (!config.stripe) {
      this.sdk = null;
      return;
    }
    const api = config.stripe.apiUrl ? new URL(config.stripe.apiUrl) : null;
    this.sdk = new Stripe(config.stripe.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(api
        ? {
            host: api.hostname,
            port: api.port || (api.protocol === 'https:' ? 443 : 80),
            protocol: api.protocol === 'https:' ? 'https' : 'http',
          }
        : {}),
    });
  }

  get configured(): boolean {
    return this.sdk !== null;
  }

  /** The SDK, or the "billing not configured" problem for the caller to answer with. */
  require(): Stripe {
    if (!this.sdk) throw billingNotConfigured();
    return this.sdk;
  }
}
