import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { BillingService, type BillingProductDto, CreditsService } from '@huntkit/web/api-client';
import { CreditsStore, problemDetail, UserDatePipe } from '@huntkit/web/session';
import { AsyncContent, HeadingBlock } from '@huntkit/web/ui';
import { BUCKET_LABELS, dollars } from './billing-labels';
import { LedgerTable } from './ledger-table';
import { UsageChart } from './usage-chart';

/** The plan, the balance by bucket, what can be bought, recent usage and the full credit history. */
@Component({
  selector: 'hk-billing-page',
  imports: [MatButtonModule, AsyncContent, HeadingBlock, LedgerTable, UsageChart, UserDatePipe],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './billing-page.html',
  styleUrl: './billing-page.scss',
})
export class BillingPage implements OnInit {
  private readonly billing = inject(BillingService);
  private readonly creditsApi = inject(CreditsService);
  protected readonly credits = inject(CreditsStore);

  /** `success` or `cancelled` after a return from Stripe Checkout (bound from the query string). */
  readonly checkout = input<string>();

  protected readonly plan = rxResource({ stream: () => this.billing.getBillingPlan() });
  protected readonly usage = rxResource({ stream: () => this.creditsApi.getCreditUsage({ days: 30 }) });
  protected readonly bucketLabels = BUCKET_LABELS;
  protected readonly dollars = dollars;

  protected readonly pro = computed(() => this.plan.value()?.products.find((p) => p.kind === 'subscription'));
  protected readonly packs = computed(
    () => this.plan.value()?.products.filter((p) => p.kind === 'pack') ?? [],
  );
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  /** One key per product per visit: a double click opens the same Checkout, a later visit a new one. */
  private readonly keys = new Map<string, string>();

  /** Fresh figures on every visit: runs, grants and a just-paid Checkout change them. */
  ngOnInit(): void {
    this.credits.refresh();
  }

  protected perCredit(product: BillingProductDto): string {
    return `${dollars(Math.round(product.priceCents / product.credits))} a credit`;
  }

  protected buy(product: BillingProductDto): void {
    if (this.busy()) return;
    const idempotencyKey = this.keys.get(product.id) ?? crypto.randomUUID();
    this.keys.set(product.id, idempotencyKey);
    this.busy.set(product.id);
    this.error.set(null);
    this.billing.startCheckout({ body: { product: product.id, idempotencyKey } }).subscribe({
      next: ({ url }) => window.location.assign(url),
      error: (error: unknown) => {
        this.error.set(problemDetail(error));
        this.busy.set(null);
      },
    });
  }

  protected manage(): void {
    if (this.busy()) return;
    this.busy.set('portal');
    this.error.set(null);
    this.billing.openBillingPortal().subscribe({
      next: ({ url }) => window.location.assign(url),
      error: (error: unknown) => {
        this.error.set(problemDetail(error));
        this.busy.set(null);
      },
    });
  }
}
