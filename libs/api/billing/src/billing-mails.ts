import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { formatMailTime, MailService } from '@huntkit/api/mail';
import { UsersService } from '@huntkit/api/users';
import { Inject, Injectable } from '@nestjs/common';

/** "$25.00": Stripe amounts are in the currency's smallest unit. */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  return format.format(minorUnits / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

export interface PaymentReceived {
  purchase: string;
  amount: string;
  credits: number;
  creditsExpireAt: Date | null;
}

/**
 * The billing mails (the "Billing" notification setting): a payment that added credits, and a Pro
 * renewal that failed. Each is keyed by the Stripe object it is about, so a redelivered event never
 * mails twice.
 */
@Injectable()
export class BillingMails {
  constructor(
    private readonly users: UsersService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async paymentReceived(userId: string, payment: PaymentReceived, stripeObjectId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    await this.mail.send(
      'payment-received',
      { email: user.email, userId },
      {
        displayName: user.displayName,
        purchase: payment.purchase,
        amount: payment.amount,
        credits: payment.credits,
        creditsExpire: payment.creditsExpireAt
          ? formatMailTime(payment.creditsExpireAt, user.timeZone)
          : null,
        billingUrl: this.billingUrl,
      },
      `payment-received:${stripeObjectId}`,
    );
  }

  /** `attempt` is Stripe's try count: each failed try of the same invoice is news. */
  async paymentFailed(userId: string, amount: string, invoiceId: string, attempt: number): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    await this.mail.send(
      'payment-failed',
      { email: user.email, userId },
      { displayName: user.displayName, amount, billingUrl: this.billingUrl },
      `payment-failed:${invoiceId}:${attempt}`,
    );
  }

  private get billingUrl(): string {
    return `${this.config.appUrl}/billing`;
  }
}
