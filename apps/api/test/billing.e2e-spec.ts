import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import type { CookieJar } from './cookie-jar';
import { type MailedHarness, startMailedHarness } from './mailed-harness';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';
import { StripeStandIn } from './stripe-stand-in';

const WEBHOOK_SECRET = 'whsec_localstandin';
const stripeSdk = new Stripe('sk_test_localstandin');
const inDays = (days: number) => Math.floor(Date.now() / 1000) + days * 24 * 3600;

describe('billing with Stripe (the real SDK against a local stand-in), with its mails', () => {
  const stripe = new StripeStandIn();
  let mailed: MailedHarness;
  let harness: SignedInHarness;
  let events = 0;

  beforeAll(async () => {
    const apiUrl = await stripe.start();
    mailed = await startMailedHarness('billing_e2e', {
      STRIPE_SECRET_KEY: 'sk_test_localstandin',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: apiUrl,
      APP_URL: 'http://127.0.0.1:4397',
    });
    harness = mailed.harness;
  });

  afterAll(async () => {
    await mailed?.close();
    await stripe.stop();
  });

  /** Posts an event as Stripe would: JSON body, signed with the endpoint secret. */
  function deliver(type: string, object: unknown, options: { id?: string; secret?: string } = {}) {
    const payload = JSON.stringify({
      id: options.id ?? `evt_${++events}_${randomUUID().slice(0, 8)}`,
      object: 'event',
      type,
      api_version: '2026-01-01',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object },
    });
    const signature = stripeSdk.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? WEBHOOK_SECRET,
    });
    return harness.call('/api/billing/webhook', {
      method: 'POST',
      headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
      body: payload,
    });
  }

  async function customer(email: string): Promise<{ jar: CookieJar; userId: string }> {
    const user = await harness.createUser(email);
    return { jar: await harness.signIn(email), userId: user.id };
  }

  const total = async (jar: CookieJar) =>
    Number((await harness.call('/api/credits/balance', { jar })).body['total']);
  const checkout = (jar: CookieJar, product: string, idempotencyKey = randomUUID()) =>
    harness.call('/api/billing/checkout', {
      method: 'POST',
      jar,
      csrf: true,
      json: { product, idempotencyKey },
    });

  it('creates the Stripe customer once, before the first checkout, and answers a double click with the same page', async () => {
    const { jar, userId } = await customer('buyer@example.com');
    const key = randomUUID();
    const [first, again, other] = await Promise.all([
      checkout(jar, 'pack_200', key),
      checkout(jar, 'pack_200', key),
      checkout(jar, 'pro'),
    ]);
    expect([first.status, again.status, other.status]).toEqual([200, 200, 200]);
    expect(again.body['url']).toBe(first.body['url']);
    const mine = [...stripe.customers.values()].filter(
      (c) => (c['metadata'] as Record<string, string>)['userId'] === userId,
    );
    expect(mine).toHaveLength(1);
    const session = [...stripe.checkoutSessions.values()].find(
      (s) => s['url'] === first.body['url'],
    ) as Record<string, unknown>;
    expect(session).toMatchObject({
      mode: 'payment',
      customer: mine[0]?.['id'],
      metadata: { userId, product: 'pack_200' },
      line_items: { 0: { price_data: { unit_amount: '4000', currency: 'usd' } } },
    });
    expect((await checkout(jar, 'pack_9000')).body).toMatchObject({
      status: 422,
      errors: [{ field: 'product' }],
    });
  });

  it('grants a paid pack once, however often its event arrives, and refuses a bad signature', async () => {
    const { jar, userId } = await customer('pack@example.com');
    const before = await total(jar);
    const session = {
      id: `cs_test_${randomUUID().slice(0, 8)}`,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      customer: 'cus_pack',
      client_reference_id: userId,
      metadata: { userId, product: 'pack_500' },
      amount_total: 9000,
      currency: 'usd',
    };
    const forged = await deliver('checkout.session.completed', session, { secret: 'whsec_wrong' });
    expect(forged.body).toMatchObject({ status: 400, code: 'invalid_signature' });
    expect(await total(jar)).toBe(before);

    const eventId = `evt_pack_${randomUUID().slice(0, 8)}`;
    expect((await deliver('checkout.session.completed', session, { id: eventId })).body).toEqual({
      result: 'processed',
    });
    expect((await deliver('checkout.session.completed', session, { id: eventId })).body).toEqual({
      result: 'duplicate',
    });
    // A different delivery of the same purchase (Stripe may send both events) still grants once.
    await deliver('checkout.session.async_payment_succeeded', session);
    expect(await total(jar)).toBe(before + 500);
    const ledger = await harness.call('/api/credits/ledger?kind=grant', { jar });
    expect(ledger.body['items']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amount: 500, bucketKind: 'topup', reference: `checkout:${session.id}` }),
      ]),
    );
    // One mail for the purchase, however many deliveries.
    const receipt = await mailed.mailTo('pack@example.com', 'Payment received: a pack of 500 credits');
    expect(receipt.text).toContain('we received $90.00 for a pack of 500 credits');
    expect(receipt.text).toContain('500 credits were added to your account and do not expire');
    expect(receipt.text).toContain('http://127.0.0.1:4397/billing');
    await mailed.mailTo('pack@example.com', 'Payment received: a pack of 500 credits');
    expect(mailed.received('pack@example.com')).toHaveLength(1);
  });

  it('follows a subscription through its life, whatever order the events come in', async () => {
    const { jar, userId } = await customer('pro@example.com');
    const subscription = `sub_${randomUUID().slice(0, 8)}`;
    const periodEnd = inDays(30);
    stripe.setSubscription(subscription, { customer: 'cus_pro', userId, status: 'active', periodEnd });
    await deliver('checkout.session.completed', {
      id: `cs_test_${randomUUID().slice(0, 8)}`,
      object: 'checkout.session',
      mode: 'subscription',
      payment_status: 'paid',
      customer: 'cus_pro',
      subscription,
      metadata: { userId, product: 'pro' },
    });
    const invoice = (id: string, billing_reason: string, end = periodEnd) => ({
      id,
      object: 'invoice',
      customer: 'cus_pro',
      billing_reason,
      amount_due: 2500,
      amount_paid: billing_reason === 'subscription_create' ? 2500 : 0,
      currency: 'usd',
      attempt_count: 1,
      parent: { type: 'subscription_details', subscription_details: { subscription } },
      lines: { object: 'list', data: [{ period: { start: end - 30 * 86400, end } }] },
    });
    const before = await total(jar);
    await deliver('invoice.paid', invoice('in_first', 'subscription_create'));
    await deliver('invoice.paid', invoice('in_first', 'subscription_create')); // redelivered as a new event
    let plan = (await harness.call('/api/billing/plan', { jar })).body;
    expect(plan).toMatchObject({ billingConfigured: true, plan: 'pro', source: 'stripe', status: 'active' });
    expect(Date.parse(String(plan['currentPeriodEnd']))).toBe(periodEnd * 1000);
    expect(await total(jar)).toBe(before + 100);
    const proBucket = (
      (await harness.call('/api/credits/balance', { jar })).body['buckets'] as {
        kind: string;
        expiresAt: string;
      }[]
    ).find((b) => b.kind === 'pro');
    expect(Date.parse(String(proBucket?.expiresAt))).toBe(periodEnd * 1000);
    const welcome = await mailed.mailTo('pro@example.com', 'Payment received: Huntkit Pro, first month');
    expect(welcome.text).toContain('we received $25.00 for Huntkit Pro, first month. 100 credits were added');
    expect(welcome.text).toContain('to use by');
    expect((await checkout(jar, 'pro')).body).toMatchObject({ status: 409, code: 'already_subscribed' });

    // A failed renewal: Stripe says past_due; Pro holds while Stripe retries.
    stripe.setSubscription(subscription, { customer: 'cus_pro', userId, status: 'past_due', periodEnd });
    await deliver('invoice.payment_failed', invoice('in_second', 'subscription_cycle'));
    expect((await harness.call('/api/billing/plan', { jar })).body).toMatchObject({
      plan: 'pro',
      status: 'past_due',
    });
    const failed = await mailed.mailTo('pro@example.com', 'Your Huntkit Pro payment did not go through');
    expect(failed.text).toContain('We could not take $25.00 for Huntkit Pro');

    // Cancelled in Stripe; then a stale "updated: active" event arrives late. Stripe's word wins.
    stripe.setSubscription(subscription, { customer: 'cus_pro', userId, status: 'canceled', periodEnd });
    await deliver('customer.subscription.deleted', {
      id: subscription,
      object: 'subscription',
      status: 'canceled',
    });
    await deliver('customer.subscription.updated', {
      id: subscription,
      object: 'subscription',
      status: 'active',
    });
    plan = (await harness.call('/api/billing/plan', { jar })).body;
    expect(plan).toMatchObject({ plan: 'free', hasBillingAccount: true });
    // The month's credits stay until their period ends.
    expect(await total(jar)).toBe(before + 100);
    // A failed-payment event arriving late, after the subscription ended, tells nobody their card
    // failed. A pack bought just after mails as usual: by the time its receipt arrives, a wrong
    // warning queued before it would have too.
    await deliver('invoice.payment_failed', invoice('in_third', 'subscription_cycle'));
    await deliver('checkout.session.completed', {
      id: `cs_test_${randomUUID().slice(0, 8)}`,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      customer: 'cus_pro',
      metadata: { userId, product: 'pack_100' },
      amount_total: 2500,
      currency: 'usd',
    });
    await mailed.mailTo('pro@example.com', 'Payment received: a pack of 100 credits');
    expect(mailed.received('pro@example.com', 'Your Huntkit Pro payment did not go through')).toHaveLength(1);
    // The redelivered first invoice mailed once; the lifecycle events mail nothing more.
    expect(mailed.received('pro@example.com')).toHaveLength(3);
  });

  it('opens the billing portal for a customer, and explains when there is nothing to manage', async () => {
    const { jar } = await customer('portal@example.com');
    const none = await harness.call('/api/billing/portal', { method: 'POST', jar, csrf: true });
    expect(none.body).toMatchObject({ status: 409, code: 'no_billing_account' });
    await checkout(jar, 'pack_100');
    const portal = await harness.call('/api/billing/portal', { method: 'POST', jar, csrf: true });
    expect(String(portal.body['url'])).toMatch(/^https:\/\/billing\.stripe\.test\/session\//);
  });

  it('lets an admin give and remove Pro, once per key', async () => {
    await harness.createUser('root@example.com', { roles: ['user', 'admin'] });
    const admin = await harness.signIn('root@example.com');
    const { jar, userId } = await customer('gifted@example.com');
    const before = await total(jar);
    const body = {
      until: new Date(Date.now() + 14 * 86400_000).toISOString(),
      reason: 'Speaker at the meetup',
      idempotencyKey: randomUUID(),
    };
    const give = () =>
      harness.call(`/api/admin/users/${userId}/pro`, { method: 'POST', jar: admin, csrf: true, json: body });
    expect((await give()).body).toMatchObject({ plan: 'pro', source: 'admin' });
    await give();
    expect(await total(jar)).toBe(before + 100);
    const tooLong = await harness.call(`/api/admin/users/${userId}/pro`, {
      method: 'POST',
      jar: admin,
      csrf: true,
      json: { ...body, until: '2031-01-01T00:00:00Z' },
    });
    expect(tooLong.body).toMatchObject({ status: 422, errors: [{ field: 'until' }] });
    const removed = await harness.call(`/api/admin/users/${userId}/pro`, {
      method: 'DELETE',
      jar: admin,
      csrf: true,
    });
    expect(removed.body).toMatchObject({ plan: 'free' });
    const audit = await harness.call(`/api/admin/audit?userId=${userId}`, { jar: admin });
    // Sign-ins are audited too; the Pro changes are one row each.
    const proActions = (audit.body['items'] as { action: string }[])
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('pro.'));
    expect(proActions).toEqual(['pro.removed', 'pro.given']);
    expect(
      (await harness.call(`/api/admin/users/${userId}/pro`, { method: 'DELETE', jar, csrf: true })).status,
    ).toBe(403);
  });
});

describe('billing without Stripe keys', () => {
  let harness: SignedInHarness;

  beforeAll(async () => {
    harness = await startSignedInHarness('billing_off_e2e');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('says billing is not configured, and still shows the plan', async () => {
    await harness.createUser('free@example.com');
    const jar = await harness.signIn('free@example.com');
    expect((await harness.call('/api/billing/plan', { jar })).body).toMatchObject({
      billingConfigured: false,
      plan: 'free',
      products: expect.arrayContaining([
        expect.objectContaining({ id: 'pro', priceCents: 2500, credits: 100 }),
      ]),
    });
    const buy = await harness.call('/api/billing/checkout', {
      method: 'POST',
      jar,
      csrf: true,
      json: { product: 'pro', idempotencyKey: randomUUID() },
    });
    expect(buy.body).toMatchObject({ status: 503, code: 'billing_not_configured' });
    const hook = await harness.call('/api/billing/webhook', { method: 'POST', json: {} });
    expect(hook.body).toMatchObject({ status: 503, code: 'billing_not_configured' });
  });
});
