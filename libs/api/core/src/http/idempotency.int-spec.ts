import { Body, Controller, type DynamicModule, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt } from 'class-validator';
import pino from 'pino';
import { CoreModule } from '../core.module';
import { prepareTestEnvironment } from '../testing/test-environment';
import { createHttpApp } from './create-http-app';
import { Idempotent, IdempotencyModule } from './idempotency';

class OrderDto {
  @IsInt() amount!: number;
}

/** A route that counts what it does and can be held mid-request, to see retries arrive meanwhile. */
const work = { done: 0, gate: Promise.resolve(), arrived: () => undefined as void };

@Controller('orders')
class OrdersController {
  @Post()
  @Idempotent()
  async order(@Body() body: OrderDto): Promise<{ order: number; amount: number }> {
    work.arrived();
    await work.gate;
    work.done += 1;
    return { order: work.done, amount: body.amount };
  }

  @Post('refused')
  @Idempotent()
  @HttpCode(200)
  refused(): never {
    work.done += 1;
    throw new Error('boom');
  }
}

@Module({ controllers: [OrdersController] })
class OrdersModule {}

describe('Idempotency-Key on @Idempotent() routes (Redis, over HTTP)', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    const config = await prepareTestEnvironment({ label: 'idempotency', schema: { entities: [] } });
    const root: DynamicModule = {
      module: class IdempotencyTestApp {},
      imports: [
        CoreModule.forRoot(config, { entities: [], migrations: [], seeds: [] }, 'api'),
        IdempotencyModule,
        OrdersModule,
      ],
    };
    app = await createHttpApp(root, config, { version: 'test', logger: pino({ level: 'silent' }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  const order = async (amount: number, key?: string, path = '/api/orders') => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify({ amount }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    return { statusCode: response.status, headers: response.headers, json: () => body };
  };

  it('serves the first request, replays it for a retry, refuses another request with the key', async () => {
    const before = work.done;
    const first = await order(5, 'key-1');
    expect(first.statusCode).toBe(201);
    const retry = await order(5, 'key-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(work.done).toBe(before + 1);

    const other = await order(6, 'key-1');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    // The draft's quoted form is the same key.
    expect((await order(5, '"key-1"')).json()).toEqual(first.json());
    // Without a key nothing is remembered.
    await order(5);
    await order(5);
    expect(work.done).toBe(before + 3);
  });

  it('answers 409 to a retry while the first is still being served', async () => {
    let open = () => undefined as void;
    work.gate = new Promise<void>((resolve) => (open = resolve));
    const arrived = new Promise<void>((resolve) => (work.arrived = resolve));
    const first = order(1, 'key-slow');
    await arrived; // the first holds the key and waits at the gate
    const second = await order(1, 'key-slow');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'idempotency_request_in_progress' });
    open();
    expect((await first).statusCode).toBe(201);
    expect((await order(1, 'key-slow')).headers.get('idempotent-replayed')).toBe('true');
  });

  it('frees the key when the request fails, so it can be retried', async () => {
    const before = work.done;
    expect((await order(1, 'key-fail', '/api/orders/refused')).statusCode).toBe(500);
    expect((await order(1, 'key-fail', '/api/orders/refused')).statusCode).toBe(500);
    expect(work.done).toBe(before + 2);
  });

  it('refuses a malformed key with a field error', async () => {
    const bad = await order(1, 'not a key');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
  });
});
