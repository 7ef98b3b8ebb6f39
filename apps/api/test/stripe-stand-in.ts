import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

/** Turns Stripe's form encoding (`metadata[userId]=…`, `line_items[0][quantity]=1`) into objects. */
function parseForm(body: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Json = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  return root;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A few endpoints of Stripe's API on 127.0.0.1, enough for the real SDK to create customers, Checkout
 * and portal sessions and read subscriptions. Stripe's idempotency keys are honoured, as Stripe does.
 */
export class StripeStandIn {
  readonly customers = new Map<string, Json>();
  readonly checkoutSessions = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  private readonly byIdempotencyKey = new Map<string, Json>();
  private server: Server | undefined;
  private counter = 0;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        ([status, body]) => {
          response.writeHead(status, {
            'content-type': 'application/json',
            'request-id': `req_${++this.counter}`,
          });
          response.end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { message: String(error) } }));
        },
      );
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Sets what `GET /v1/subscriptions/:id` answers: Stripe's truth, which webhooks must re-read. */
  setSubscription(
    id: string,
    state: { customer: string; userId?: string; status: string; periodEnd: number },
  ): void {
    this.subscriptions.set(id, {
      id,
      object: 'subscription',
      customer: state.customer,
      status: state.status,
      cancel_at_period_end: false,
      ended_at: state.status === 'canceled' ? Math.floor(Date.now() / 1000) : null,
      metadata: state.userId ? { userId: state.userId } : {},
      items: { object: 'list', data: [{ id: `si_${id}`, current_period_end: state.periodEnd }] },
    });
  }

  private nextId(prefix: string): string {
    return `${prefix}_${(++this.counter).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  }

  private async handle(request: IncomingMessage): Promise<[number, Json]> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const key = request.headers['idempotency-key'];
    const cacheKey = typeof key === 'string' ? `${url.pathname} ${key}` : null;
    if (request.method === 'POST' && cacheKey && this.byIdempotencyKey.has(cacheKey)) {
      return [200, this.byIdempotencyKey.get(cacheKey) as Json];
    }
    const params = parseForm(await readBody(request));
    const answer = this.route(request.method ?? 'GET', url.pathname, params);
    if (answer[0] === 200 && cacheKey) this.byIdempotencyKey.set(cacheKey, answer[1]);
    return answer;
  }

  private route(method: string, path: string, params: Json): [number, Json] {
    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: this.nextId('cus'), object: 'customer', ...params };
      this.customers.set(customer.id, customer);
      return [200, customer];
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = this.nextId('cs_test');
      const session = {
        id,
        object: 'checkout.session',
        url: `https://checkout.stripe.test/pay/${id}`,
        ...params,
      };
      this.checkoutSessions.set(id, session);
      return [200, session];
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const id = this.nextId('bps');
      return [
        200,
        { id, object: 'billing_portal.session', url: `https://billing.stripe.test/session/${id}`, ...params },
      ];
    }
    const subscription = /^\/v1\/subscriptions\/([\w-]+)$/.exec(path);
    if (method === 'GET' && subscription) {
      const found = this.subscriptions.get(subscription[1] ?? '');
      return found
        ? [200, found]
        : [404, { error: { type: 'invalid_request_error', message: 'No such subscription' } }];
    }
    return [404, { error: { type: 'invalid_request_error', message: `No route ${method} ${path}` } }];
  }
}
