import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

const PORT = Number(process.env['E2E_PORT'] ?? 4310);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const E2E_DATABASE_URL =
  process.env['E2E_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huntkit_e2e';
export const E2E_REDIS_URL = process.env['E2E_REDIS_URL'] ?? 'redis://127.0.0.1:6379/15';

/** Where the stack's worker writes mail (no SMTP in the browser suite); tests read links from it. */
export const E2E_OUTBOX_DIR = resolve(__dirname, '../../dist/web-e2e/outbox');

/** The demo admin `npm start` seeds (tools/start/environment.mjs). */
export const DEMO_ADMIN = { email: 'admin@huntkit.local', password: 'huntkit-demo-admin' };

/** The social links the suite expects in the footer; the stack under test is started with them. */
export const E2E_SOCIAL_LINKS = {
  SOCIAL_GITHUB_URL: 'https://github.com/huntkit',
  SOCIAL_X_URL: 'https://x.com/huntkit',
  SOCIAL_LINKEDIN_URL: 'https://www.linkedin.com/company/huntkit',
  SOCIAL_DISCORD_URL: 'https://discord.gg/huntkit',
};

/**
 * Google and GitHub sign-in against local stand-ins on fixed ports: a real OpenID provider for Google
 * (apps/api/test/stand-ins/oidc-provider.mjs) and GitHub's OAuth endpoints (stand-ins/github.mjs).
 * A test picks who signs in at them with a cookie of its browser (see social-sign-in.spec.ts).
 */
export const E2E_GOOGLE = {
  url: `http://127.0.0.1:${Number(process.env['E2E_GOOGLE_PORT'] ?? 4311)}`,
  clientId: 'huntkit-e2e-google',
  clientSecret: 'huntkit-e2e-google-secret',
};
export const E2E_GITHUB = {
  url: `http://127.0.0.1:${Number(process.env['E2E_GITHUB_PORT'] ?? 4312)}`,
  clientId: 'huntkit-e2e-github',
  clientSecret: 'huntkit-e2e-github-secret',
};

/**
 * Cloudflare Turnstile: a stand-in for its widget script and siteverify (stand-ins/turnstile.mjs),
 * and a second API on its own port with Turnstile configured, serving the same web app from the same
 * database and Redis (the main stack's worker delivers its mail). The main stack stays without
 * Turnstile, so the rest of the suite signs up as it would on a site that has not configured it.
 */
export const E2E_TURNSTILE = {
  standIn: `http://127.0.0.1:${Number(process.env['E2E_TURNSTILE_PORT'] ?? 4314)}`,
  appUrl: `http://127.0.0.1:${Number(process.env['E2E_TURNSTILE_APP_PORT'] ?? 4313)}`,
  siteKey: '1x00000000000000000000AA',
  secretKey: 'huntkit-e2e-turnstile-secret',
};

/**
 * Debian's Chromium, never a downloaded browser. Debian's /usr/bin/chromium is a shell script that adds
 * GPU rasterisation and extensions to every launch: the binary behind it is started directly instead.
 */
const DEBIAN_CHROMIUM_BINARY = '/usr/lib/chromium/chromium';
const chromiumPath =
  process.env['CHROMIUM_PATH'] ??
  (existsSync(DEBIAN_CHROMIUM_BINARY) ? DEBIAN_CHROMIUM_BINARY : '/usr/bin/chromium');

// Run lean: no GPU process (its work stays in the browser process), nothing in the background,
// nothing on the (closed) network.
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--in-process-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

/**
 * Browsers at once: one per core (measured on two cores: 5.7 min with two, 7.4 min with one, as a test
 * spends much of its time waiting on the stack). E2E_WORKERS overrides it.
 */
const workers = Number(
  process.env['E2E_WORKERS'] ?? process.env['HUNTKIT_TEST_CORES'] ?? availableParallelism(),
);

/** Every service of the stack, started in this order by stack/stack.mjs (one web server for Playwright). */
const stackServices = [
  {
    name: 'Google stand-in (OpenID provider)',
    command: ['node', 'apps/api/test/stand-ins/oidc-provider.mjs'],
    readyUrl: `${E2E_GOOGLE.url}/.well-known/openid-configuration`,
    env: {
      STAND_IN_PORT: new URL(E2E_GOOGLE.url).port,
      CLIENT_ID: E2E_GOOGLE.clientId,
      CLIENT_SECRET: E2E_GOOGLE.clientSecret,
      REDIRECT_URI: `${BASE_URL}/api/auth/google/callback`,
    },
  },
  {
    name: 'GitHub stand-in',
    command: ['node', 'apps/web-e2e/stand-ins/github.mjs'],
    readyUrl: `${E2E_GITHUB.url}/test/health`,
    env: {
      STAND_IN_PORT: new URL(E2E_GITHUB.url).port,
      CLIENT_ID: E2E_GITHUB.clientId,
      CLIENT_SECRET: E2E_GITHUB.clientSecret,
    },
  },
  {
    name: 'Turnstile stand-in',
    command: ['node', 'apps/web-e2e/stand-ins/turnstile.mjs'],
    readyUrl: `${E2E_TURNSTILE.standIn}/test/health`,
    env: { STAND_IN_PORT: new URL(E2E_TURNSTILE.standIn).port, SECRET_KEY: E2E_TURNSTILE.secretKey },
  },
  // The same start script as `npm start`, on the builds the build step made (HUNTKIT_SKIP_BUILD), with
  // its own port, database and Redis index. It migrates and seeds the database.
  {
    name: 'API and worker',
    command: ['node', 'tools/start/start.mjs'],
    readyUrl: `${BASE_URL}/api/health/ready`,
    timeoutMs: 180_000,
    env: {
      PORT: String(PORT),
      APP_URL: BASE_URL,
      HUNTKIT_SKIP_BUILD: '1',
      DATABASE_URL: E2E_DATABASE_URL,
      REDIS_URL: E2E_REDIS_URL,
      MAIL_OUTBOX_DIR: E2E_OUTBOX_DIR,
      LOG_LEVEL: 'warn',
      // Lets API calls made by the tests come from distinct client addresses (X-Forwarded-For), so the
      // per-client sign-up and sign-in limits hold for the browser without throttling test set-up.
      TRUST_PROXY: '127.0.0.1',
      // Every finished run mails its owner, so the suite gets a mail with an unsubscribe link from one run.
      RUN_FINISHED_MAIL_AFTER_SECONDS: '0',
      ...E2E_SOCIAL_LINKS,
      GOOGLE_CLIENT_ID: E2E_GOOGLE.clientId,
      GOOGLE_CLIENT_SECRET: E2E_GOOGLE.clientSecret,
      GOOGLE_ISSUER: E2E_GOOGLE.url,
      GITHUB_CLIENT_ID: E2E_GITHUB.clientId,
      GITHUB_CLIENT_SECRET: E2E_GITHUB.clientSecret,
      GITHUB_URL: E2E_GITHUB.url,
      GITHUB_API_URL: `${E2E_GITHUB.url}/api`,
    },
  },
  // After the main stack, so the database is migrated already.
  {
    name: 'API with Turnstile',
    command: ['node', 'dist/apps/api/main.js'],
    readyUrl: `${E2E_TURNSTILE.appUrl}/api/health/ready`,
    timeoutMs: 120_000,
    env: {
      NODE_ENV: 'development',
      PORT: new URL(E2E_TURNSTILE.appUrl).port,
      APP_URL: E2E_TURNSTILE.appUrl,
      APP_SECRET: 'huntkit-e2e-turnstile-instance-secret-0123456789',
      DATABASE_URL: E2E_DATABASE_URL,
      REDIS_URL: E2E_REDIS_URL,
      WEB_DIST_DIR: resolve(__dirname, '../../dist/apps/web/browser'),
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '127.0.0.1',
      TURNSTILE_SITE_KEY: E2E_TURNSTILE.siteKey,
      TURNSTILE_SECRET_KEY: E2E_TURNSTILE.secretKey,
      TURNSTILE_VERIFY_URL: `${E2E_TURNSTILE.standIn}/siteverify`,
    },
  },
];

const REPORT_DIR = process.env['HUNTKIT_TEST_REPORT_DIR'] ?? resolve(__dirname, '../../dist/test-reports');

export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/web-e2e/test-results',
  fullyParallel: true,
  workers,
  retries: 0,
  // Sized once, for a slow and busy machine: each waits for a state, so a fast machine never waits them out.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: '../../dist/web-e2e/report', open: 'never' }],
    ['json', { outputFile: `${REPORT_DIR}/playwright.json` }],
  ],
  use: {
    baseURL: BASE_URL,
    actionTimeout: 20_000,
    navigationTimeout: 45_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'laptop', use: { ...chromium, viewport: { width: 1440, height: 900 } } },
    {
      name: 'phone',
      use: {
        ...chromium,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      },
    },
  ],
  // One web server: the whole stack, started once and checked before any test (stack/stack.mjs).
  webServer: {
    command: 'node apps/web-e2e/stack/stack.mjs',
    cwd: '../..',
    url: stackServices[stackServices.length - 1].readyUrl,
    // Longer than all the services' own limits together, so a stuck service is named by the stack.
    timeout: 600_000,
    // Lets the stack stop its services itself (a SIGKILL of the stack alone would leave them running).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      E2E_STACK: JSON.stringify({
        databaseUrl: E2E_DATABASE_URL,
        redisUrl: E2E_REDIS_URL,
        emptyDirs: [E2E_OUTBOX_DIR],
        services: stackServices,
      }),
    },
  },
});
