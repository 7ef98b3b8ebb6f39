import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Module,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { from, type Observable, of, switchMap, tap } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemException, ValidationProblemException } from '../errors/problem';
import { REDIS } from '../redis/redis.module';
import { ApiProblems } from './problem.dto';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IDEMPOTENT = Symbol('idempotent');
/** How long a key is remembered: a day, as Stripe does; a retry after that runs again. */
const REMEMBER_SECONDS = 24 * 3600;
/** How long a first request may take before its key is free again (it failed without an answer). */
const IN_FLIGHT_SECONDS = 120;
/** Letters, digits and `-_.:~+/=` (a UUID, a ULID, base64), 1 to 100 of them. */
const KEY_PATTERN = /^[\w.:~+/=-]{1,100}$/;

interface Remembered {
  fingerprint: string;
  /** Absent while the first request is still being served. */
  answer?: { status: number; body: unknown };
}

/**
 * The key a client sent, or undefined. Quotes are allowed: the IETF draft sends it as a structured-field
 * string (`Idempotency-Key: "8e03…"`), Stripe and most clients send it bare.
 */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim().replace(/^"(.*)"$/, '$1');
  if (!KEY_PATTERN.test(value))
    throw new ValidationProblemException([
      {
        field: 'Idempotency-Key',
        pointer: '',
        detail: 'Send 1 to 100 letters, digits or the characters - _ . : ~ + / = (a UUID is best).',
      },
    ]);
  return value;
}

/**
 * The client's key for an operation that must happen once: the body's `idempotencyKey` field where the
 * route has one, or else the Idempotency-Key header; a 422 when neither was sent.
 */
export function operationKeyOf(request: FastifyRequest, bodyKey: string | undefined): string {
  const key = bodyKey ?? idempotencyKeyOf(request);
  if (key) return key;
  throw new ValidationProblemException([
    {
      field: 'idempotencyKey',
      pointer: '/idempotencyKey',
      detail: 'Send an Idempotency-Key header or an idempotencyKey field, made once per operation.',
    },
  ]);
}

/**
 * Marks a POST a client may safely retry with an `Idempotency-Key` header (draft-ietf-httpapi-
 * idempotency-key-header): the first answer is replayed for a retry with the same key and the same
 * request; the same key with a different request answers 422; a retry while the first is still being
 * served answers 409. Without the header, the route behaves as before.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retry safe: a repeat with the same key and the same request within 24 hours gets the first answer again (with `Idempotent-Replayed: true`) and changes nothing; the same key with a different request answers 422, and a repeat while the first is still being served answers 409.',
      schema: { type: 'string', maxLength: 100, example: '8e03978e-40d5-43e8-bc93-6894a57f9324' },
    }),
    ApiProblems(409, 422),
  );
}

/** What makes two requests "the same": the route, its parameters, its query and its body. */
function fingerprintOf(request: FastifyRequest): string {
  const route = request.routeOptions.url ?? request.url;
  return createHash('sha256')
    .update(JSON.stringify([request.method, route, request.params, request.query, request.body ?? null]))
    .digest('base64url');
}

/**
 * Serves `@Idempotent()` routes (see there). Keys are remembered in Redis per caller, so every API
 * process sees the same answers. Only successful answers are kept: a refused or failed request may be
 * retried with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: { id: string } }>();
    const key = idempotencyKeyOf(request);
    if (!key) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const fingerprint = fingerprintOf(request);
    const storeKey = this.storeKey(request, key);
    return from(this.claim(storeKey, fingerprint)).pipe(
      switchMap((earlier) => {
        if (!earlier)
          return next.handle().pipe(
            tap({
              next: (body) => void this.remember(storeKey, fingerprint, reply.statusCode, body),
              // A refusal changed nothing and a failure may have changed nothing: either may be retried.
              error: () => void this.redis.del(storeKey).catch(() => undefined),
            }),
          );
        if (earlier.fingerprint !== fingerprint)
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'idempotency_key_reused',
            'This Idempotency-Key was already used for a different request.',
          );
        if (!earlier.answer)
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'idempotency_request_in_progress',
            'The first request with this Idempotency-Key is still being served. Retry in a moment.',
          );
        reply.status(earlier.answer.status).header('idempotent-replayed', 'true');
        return of(earlier.answer.body);
      }),
    );
  }

  /** Null when this request is the first with the key (it now holds it); what was remembered otherwise. */
  private async claim(storeKey: string, fingerprint: string): Promise<Remembered | null> {
    const mine: Remembered = { fingerprint };
    const taken = await this.redis.set(storeKey, JSON.stringify(mine), 'EX', IN_FLIGHT_SECONDS, 'NX');
    if (taken === 'OK') return null;
    const stored = await this.redis.get(storeKey);
    // Expired between the two calls: treat it as taken by nobody and try once more.
    return stored ? (JSON.parse(stored) as Remembered) : this.claim(storeKey, fingerprint);
  }

  private async remember(
    storeKey: string,
    fingerprint: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    const remembered: Remembered = { fingerprint, answer: { status, body: body ?? null } };
    await this.redis.set(storeKey, JSON.stringify(remembered), 'EX', REMEMBER_SECONDS).catch(() => undefined);
  }

  private storeKey(request: FastifyRequest & { user?: { id: string } }, key: string): string {
    const caller = request.user?.id ?? `address:${request.ip}`;
    const digest = createHash('sha256').update(`${caller}\n${key}`).digest('base64url');
    return `${this.config.redis.prefix}:idempotency:${digest}`;
  }
}

/** Registers the interceptor for every route of the HTTP process (it acts only on `@Idempotent()`). */
@Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }] })
export class IdempotencyModule {}
