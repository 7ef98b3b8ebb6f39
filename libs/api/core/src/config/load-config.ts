import { deriveKey } from './derive-key';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { AppConfig, TrustProxySetting } from './app-config';
import { describeVariable } from './config.variables';

/** Thrown when the environment does not describe a process that can run; lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Huntkit cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const optionalHttpsUrl = optionalText.pipe(z.url({ protocol: /^https$/ }).optional());

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): TrustProxySetting => {
    if (value === 'false' || value === '0' || value === '') return false;
    // `true` would believe any X-Forwarded-For a client sends, so it is not accepted.
    if (/^\d+$/.test(value)) return Number(value);
    const addresses = value.split(',').map((part) => part.trim());
    if (addresses.every(isAddressOrCidr)) return addresses;
    ctx.addIssue({ code: 'custom', message: 'not a hop count or a list of addresses' });
    return z.NEVER;
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: wholeNumber(1, 65535, 3000),
  APP_URL: z.url({ protocol: /^https?$/ }),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_MAX: wholeNumber(1, 200, 10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]{1,40}$/)
    .default('huntkit'),
  APP_SECRET: z.string().min(32, 'shorter than 32 characters'),
  TRUST_PROXY: trustProxy,
  BODY_LIMIT_BYTES: wholeNumber(1024, 50 * 1024 * 1024, 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(1000, 600_000, 15_000),
  WORKER_CONCURRENCY: wholeNumber(1, 64, 4),
  RATE_LIMIT_PER_MINUTE: wholeNumber(1, 100_000, 300),
  SESSION_LIFETIME_DAYS: wholeNumber(1, 365, 30),
  SESSION_REFRESH_GRACE_SECONDS: wholeNumber(0, 60, 10),
  REAUTH_WINDOW_MINUTES: wholeNumber(1, 60, 10),
  EMAIL_CHANGE_TTL_HOURS: wholeNumber(1, 168, 24),
  MFA_ENCRYPTION_KEY: optionalText.refine(
    (key) => key === undefined || Buffer.from(key, 'base64').length === 32,
    'not 32 bytes in base64',
  ),
  DAILY_FREE_CREDITS: wholeNumber(0, 1000, 10),
  LOW_CREDITS_THRESHOLD: wholeNumber(0, 10_000, 10),
  CREDIT_HOLD_GRACE_MINUTES: wholeNumber(1, 1440, 15),
  CREDIT_SWEEP_MINUTES: wholeNumber(1, 60, 5),
  RUN_STORAGE_DIR: z.string().trim().min(1).default('.huntkit/runs'),
  RUN_RETENTION_DAYS: wholeNumber(1, 3650, 30),
  RUN_OUTPUT_MAX_BYTES: wholeNumber(64 * 1024, 1024 * 1024 * 1024, 5 * 1024 * 1024),
  RUN_STALL_SECONDS: wholeNumber(1, 600, 30),
  RUN_FINISHED_MAIL_AFTER_SECONDS: wholeNumber(0, 86_400, 60),
  WORKER_RUN_CONCURRENCY: wholeNumber(1, 256, 4),
  RUNS_ACTIVE_LIMIT_FREE: wholeNumber(1, 100, 2),
  RUNS_ACTIVE_LIMIT_PRO: wholeNumber(1, 100, 5),
  TOOL_TARGETS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  STRIPE_SECRET_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^(sk|rk)_(live|test)_\w+$/)
      .optional(),
  ),
  STRIPE_WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^whsec_\w+$/)
      .optional(),
  ),
  STRIPE_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  GOOGLE_ISSUER: z.url({ protocol: /^https?$/ }).default('https://accounts.google.com'),
  GITHUB_CLIENT_ID: optionalText,
  GITHUB_CLIENT_SECRET: optionalText,
  GITHUB_URL: z.url({ protocol: /^https?$/ }).default('https://github.com'),
  GITHUB_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
  TURNSTILE_SITE_KEY: optionalText,
  TURNSTILE_SECRET_KEY: optionalText,
  TURNSTILE_VERIFY_URL: z
    .url({ protocol: /^https?$/ })
    .default('https://challenges.cloudflare.com/turnstile/v0/siteverify'),
  MAIL_FROM: z.string().trim().min(3).default('Huntkit <no-reply@huntkit.local>'),
  MAIL_RETRY_DELAY_MS: wholeNumber(100, 600_000, 5000),
  MAIL_OUTBOX_DIR: z.string().trim().min(1).default('.huntkit/outbox'),
  WEB_DIST_DIR: optionalText.refine(
    (dir) => dir === undefined || existsSync(join(dir, 'index.html')),
    'no index.html in it',
  ),
  DEMO_ADMIN_EMAIL: z.email().default('admin@huntkit.local'),
  DEMO_ADMIN_PASSWORD: optionalText.pipe(z.string().min(12).max(128).optional()),
  SOCIAL_GITHUB_URL: optionalHttpsUrl,
  SOCIAL_X_URL: optionalHttpsUrl,
  SOCIAL_LINKEDIN_URL: optionalHttpsUrl,
  SOCIAL_DISCORD_URL: optionalHttpsUrl,
});

/** Values people paste from examples; a production process must never run with one of them. */
const PLACEHOLDER_PATTERN =
  /change[-_ ]?me|placeholder|example|dummy|insecure|not[-_ ]?secret|^dev[-_]|^test[-_]|huntkit-demo/i;

function looksLikePlaceholder(secret: string): boolean {
  return PLACEHOLDER_PATTERN.test(secret) || new Set(secret).size < 10;
}

/** Reads and validates the environment into one typed object, or throws a ConfigError naming each problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, so `FOO=` in an env file falls back to the default.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got = cleaned[name] === undefined ? 'it is not set' : issue.message;
      return `${name}: expected ${describeVariable(name)} (${got}).`;
    });
    throw new ConfigError(problems);
  }
  const vars = parsed.data;
  if (vars.NODE_ENV === 'production' && looksLikePlaceholder(vars.APP_SECRET)) {
    throw new ConfigError([
      `APP_SECRET: expected ${describeVariable('APP_SECRET')} (it looks like a placeholder, which production refuses).`,
    ]);
  }
  if (
    vars.NODE_ENV === 'production' &&
    vars.DEMO_ADMIN_PASSWORD &&
    looksLikePlaceholder(vars.DEMO_ADMIN_PASSWORD)
  ) {
    throw new ConfigError([
      `DEMO_ADMIN_PASSWORD: expected ${describeVariable('DEMO_ADMIN_PASSWORD')} (it looks like a placeholder, which production refuses).`,
    ]);
  }
  if (Boolean(vars.STRIPE_SECRET_KEY) !== Boolean(vars.STRIPE_WEBHOOK_SECRET)) {
    const missing = vars.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY';
    throw new ConfigError([
      `${missing}: expected ${describeVariable(missing)} (billing needs both Stripe variables, and only one is set).`,
    ]);
  }
  return {
    env: vars.NODE_ENV,
    isProduction: vars.NODE_ENV === 'production',
    http: {
      host: vars.HOST,
      port: vars.PORT,
      bodyLimitBytes: vars.BODY_LIMIT_BYTES,
      trustProxy: vars.TRUST_PROXY,
    },
    appUrl: new URL(vars.APP_URL).origin,
    database: { url: vars.DATABASE_URL, poolMax: vars.DATABASE_POOL_MAX },
    redis: { url: vars.REDIS_URL, prefix: vars.REDIS_PREFIX },
    secrets: { app: vars.APP_SECRET },
    log: { level: vars.LOG_LEVEL },
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    worker: { concurrency: vars.WORKER_CONCURRENCY },
    rateLimit: { perMinute: vars.RATE_LIMIT_PER_MINUTE },
    credits: {
      dailyFree: vars.DAILY_FREE_CREDITS,
      lowThreshold: vars.LOW_CREDITS_THRESHOLD,
      holdGraceMs: vars.CREDIT_HOLD_GRACE_MINUTES * 60_000,
      sweepEveryMs: vars.CREDIT_SWEEP_MINUTES * 60_000,
    },
    runs: {
      storageDir: resolve(vars.RUN_STORAGE_DIR),
      retentionDays: vars.RUN_RETENTION_DAYS,
      outputMaxBytes: vars.RUN_OUTPUT_MAX_BYTES,
      stallMs: vars.RUN_STALL_SECONDS * 1000,
      finishedMailAfterMs: vars.RUN_FINISHED_MAIL_AFTER_SECONDS * 1000,
      workerConcurrency: vars.WORKER_RUN_CONCURRENCY,
      activeLimit: { free: vars.RUNS_ACTIVE_LIMIT_FREE, pro: vars.RUNS_ACTIVE_LIMIT_PRO },
      allowPrivateTargets: vars.TOOL_TARGETS_ALLOW_PRIVATE === 'true',
    },
    stripe:
      vars.STRIPE_SECRET_KEY && vars.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: vars.STRIPE_SECRET_KEY,
            webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
            apiUrl: vars.STRIPE_API_URL,
          }
        : null,
    sessions: {
      lifetimeMs: vars.SESSION_LIFETIME_DAYS * 24 * 3600_000,
      refreshGraceMs: vars.SESSION_REFRESH_GRACE_SECONDS * 1000,
      reauthWindowMs: vars.REAUTH_WINDOW_MINUTES * 60_000,
    },
    account: { emailChangeTtlMs: vars.EMAIL_CHANGE_TTL_HOURS * 3600_000 },
    mfa: {
      // Without a key of its own, one is derived from APP_SECRET, labelled so it is used for nothing else.
      encryptionKey: vars.MFA_ENCRYPTION_KEY
        ? Buffer.from(vars.MFA_ENCRYPTION_KEY, 'base64')
        : deriveKey(vars.APP_SECRET, 'mfa-secret-encryption'),
    },
    web: { distDir: vars.WEB_DIST_DIR },
    mail: {
      smtpUrl: vars.SMTP_URL,
      from: vars.MAIL_FROM,
      outboxDir: vars.MAIL_OUTBOX_DIR,
      retryDelayMs: vars.MAIL_RETRY_DELAY_MS,
    },
    demoAdmin: { email: vars.DEMO_ADMIN_EMAIL.toLowerCase(), password: vars.DEMO_ADMIN_PASSWORD },
    turnstile:
      vars.TURNSTILE_SITE_KEY && vars.TURNSTILE_SECRET_KEY
        ? {
            siteKey: vars.TURNSTILE_SITE_KEY,
            secretKey: vars.TURNSTILE_SECRET_KEY,
            verifyUrl: vars.TURNSTILE_VERIFY_URL,
          }
        : null,
    oauth: {
      google:
        vars.GOOGLE_CLIENT_ID && vars.GOOGLE_CLIENT_SECRET
          ? {
              clientId: vars.GOOGLE_CLIENT_ID,
              clientSecret: vars.GOOGLE_CLIENT_SECRET,
              issuer: vars.GOOGLE_ISSUER.replace(/\/$/, ''),
            }
          : null,
      github:
        vars.GITHUB_CLIENT_ID && vars.GITHUB_CLIENT_SECRET
          ? {
              clientId: vars.GITHUB_CLIENT_ID,
              clientSecret: vars.GITHUB_CLIENT_SECRET,
              webUrl: vars.GITHUB_URL.replace(/\/$/, ''),
              apiUrl: vars.GITHUB_API_URL.replace(/\/$/, ''),
            }
          : null,
    },
    social: {
      github: vars.SOCIAL_GITHUB_URL,
      x: vars.SOCIAL_X_URL,
      linkedin: vars.SOCIAL_LINKEDIN_URL,
      discord: vars.SOCIAL_DISCORD_URL,
    },
  };
}
