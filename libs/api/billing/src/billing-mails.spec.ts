import { formatMoney } from './billing-mails';

describe('formatMoney', () => {
  it("reads Stripe's smallest units in each currency's own decimals", () => {
    expect(formatMoney(2500, 'usd')).toBe('$25.00');
    expect(formatMoney(9000, 'USD')).toBe('$90.00');
    expect(formatMoney(1999, 'eur')).toBe('€19.99');
    // The yen has no minor unit: 2500 is ¥2,500, not ¥25.
    expect(formatMoney(2500, 'jpy')).toBe('¥2,500');
  });
});
