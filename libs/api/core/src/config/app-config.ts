export type RuntimeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type TrustProxySetting = boolean | number | string[];
export type SocialNetwork = 'github' | 'x' | 'linkedin' | 'discord';

/** The one typed configuration object every process gets, validated at boot. */
export interface AppConfig {
  env: RuntimeEnv;
  isProduction: boolean;
  http: { host: string; port: number; bodyLimitBytes: number; trustProxy: TrustProxySetting };
  /** Public origin of the site, without a trailing slash. */
  appUrl: string;
  database: { url: string; poolMax: number };
  /** `prefix` starts every key (queues, rate limits), so environments can share one Redis. */
  redis: { url: string; prefix: string };
  secrets: { app: string };
  log: { level: LogLevel };
  shutdownTimeoutMs: number;
  worker: { concurrency: number };
  rateLimit: { perMinute: number };
  /** `reauthWindowMs`: how long a sign-in or re-authentication allows sensitive actions. */
  sessions: { lifetimeMs: number; refreshGraceMs: number; reauthWindowMs: number };
  /** `emailChangeTtlMs`: how long the confirmation link of a new email address works. */
  account: { emailChangeTtlMs: number };
  /** `encryptionKey`: 32 bytes (AES-256-GCM) that encrypt TOTP secrets at rest. */
  mfa: { encryptionKey: Buffer };
  credits: {
    dailyFree: number;
    lowThreshold: number;
    /** How long past its own deadline held credits wait before the sweeper gives them back. */
    holdGraceMs: number;
    sweepEveryMs: number;
  };
  runs: {
    /** Absolute folder holding each run's log and artifacts (one sub-folder per run). */
    storageDir: string;
    retentionDays: number;
    outputMaxBytes: number;
    /** How long a run's worker may be silent before the run counts as abandoned. */
    stallMs: number;
    /** Runs that last at least this long mail their owner when they end (if run_finished mail is on). */
    finishedMailAfterMs: number;
    /** Tool runs one worker process runs at once. */
    workerConcurrency: number;
    /** Queued or running runs one user may have, by plan. */
    activeLimit: { free: number; pro: number };
    /** Lets tools reach loopback, private and link-local addresses (development and tests only). */
    allowPrivateTargets: boolean;
  };
  /** Null when billing is not configured (both the key and the webhook secret are needed). */
  stripe: { secretKey: string; webhookSecret: string; apiUrl?: string } | null;
  web: { distDir?: string };
  /** Without `smtpUrl`, mails are written to `outboxDir` and their links logged (development). */
  /** `retryDelayMs`: the first wait before a failed delivery is retried; each next one doubles. */
  mail: { smtpUrl?: string; from: string; outboxDir: string; retryDelayMs: number };
  demoAdmin: { email: string; password?: string };
  /** Cloudflare Turnstile for sign-up, password help and sign-in after failures; null turns it off. */
  turnstile: { siteKey: string; secretKey: string; verifyUrl: string } | null;
  /** Sign-in providers; null when their credentials are not configured (the buttons then do not show). */
  oauth: {
    google: { clientId: string; clientSecret: string; issuer: string } | null;
    github: { clientId: string; clientSecret: string; webUrl: string; apiUrl: string } | null;
  };
  social: Partial<Record<SocialNetwork, string>>;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
