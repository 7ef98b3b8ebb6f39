/** What Huntkit sells. Prices in US cents; Checkout builds its line items from these. */
export const BILLING_PRODUCTS = {
  pro: { kind: 'subscription', name: 'Huntkit Pro', priceCents: 2500, credits: 100 },
  pack_100: { kind: 'pack', name: '100 credits', priceCents: 2500, credits: 100 },
  pack_200: { kind: 'pack', name: '200 credits', priceCents: 4000, credits: 200 },
  pack_500: { kind: 'pack', name: '500 credits', priceCents: 9000, credits: 500 },
} as const satisfies Record<
  string,
  { kind: 'subscription' | 'pack'; name: string; priceCents: number; credits: number }
>;

export type BillingProductId = keyof typeof BILLING_PRODUCTS;
export const BILLING_PRODUCT_IDS = Object.keys(BILLING_PRODUCTS) as BillingProductId[];

export const isBillingProduct = (value: unknown): value is BillingProductId =>
  typeof value === 'string' && value in BILLING_PRODUCTS;

/** Pro: 100 credits a month, granted on each paid invoice and expiring with its period. */
export const PRO_MONTHLY_CREDITS = BILLING_PRODUCTS.pro.credits;
