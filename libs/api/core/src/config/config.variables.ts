/**
 * Every environment variable the API and worker read, with what it expects. The same table feeds the
 * boot-time error messages and is checked against the README's configuration table by a test.
 */
export interface ConfigVariable {
  name: string;
  expects: string;
  defaultValue?: string;
  meaning: string;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  {
    name: 'NODE_ENV',
    expects: 'one of development, test, production',
    defaultValue: 'development',
    meaning: 'Runtime mode; production refuses placeholder secrets.',
  },
  {
    name: 'HOST',
    expects: 'an interface address such as 127.0.0.1 or 0.0.0.0',
    defaultValue: '127.0.0.1',
    meaning: 'Address the API listens on.',
  },
  {
    name: 'PORT',
    expects: 'a TCP port from 1 to 65535',
    defaultValue: '3000',
    meaning: 'Port the API listens on.',
  },
  {
    name: 'APP_URL',
    expects: 'the public http(s) origin of the site, e.g. https://huntkit.example',
    meaning: 'Public origin of the web app; used for links in mail and origin checks.',
  },
  {
    name: 'DATABASE_URL',
    expects: 'a PostgreSQL URL such as postgres://user:password@host:5432/huntkit',
    meaning: 'The system of record.',
  },
  {
    name: 'DATABASE_POOL_MAX',
    expects: 'a whole number from 1 to 200',
    defaultValue: '10',
    meaning: 'Most Postgres connections one process opens.',
  },
  {
    name: 'REDIS_URL',
    expects: 'a Redis URL such as redis://127.0.0.1:6379 (rediss:// for TLS)',
    meaning: 'Queues, rate-limit counters, run-output streams, pub/sub and caches.',
  },
  {
    name: 'REDIS_PREFIX',
    expects: 'up to 40 letters, digits, dashes, underscores or colons',
    defaultValue: 'huntkit',
    meaning: 'Starts every Redis key (queues, rate limits), so several environments can share one Redis.',
  },
  {
    name: 'APP_SECRET',
    expects: 'a random string of at least 32 characters (openssl rand -base64 48)',
    meaning: 'Root secret for signing tokens and cookies; never a placeholder in production.',
  },
  {
    name: 'TRUST_PROXY',
    expects:
      'false, a number of proxy hops, or a comma-separated list of proxy addresses or CIDRs (never true)',
    defaultValue: 'false',
    meaning: 'Which reverse proxies may set the client address (X-Forwarded-For).',
  },
  {
    name: 'BODY_LIMIT_BYTES',
    expects: 'a whole number of bytes from 1024 to 52428800',
    defaultValue: '1048576',
    meaning: 'Largest request body accepted.',
  },
  {
    name: 'LOG_LEVEL',
    expects: 'one of fatal, error, warn, info, debug, trace, silent',
    defaultValue: 'info',
    meaning: 'Least severe level written to the JSON logs.',
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    expects: 'a whole number of milliseconds from 1000 to 600000',
    defaultValue: '15000',
    meaning: 'How long a stopping process waits for in-flight requests and jobs.',
  },
  {
    name: 'WORKER_CONCURRENCY',
    expects: 'a whole number from 1 to 64',
    defaultValue: '4',
    meaning: 'Jobs one worker process runs at once, per queue.',
  },
  {
    name: 'RATE_LIMIT_PER_MINUTE',
    expects: 'a whole number from 1 to 100000',
    defaultValue: '300',
    meaning: 'Requests one client address may make per minute to any route; busier routes set lower limits.',
  },
  {
    name: 'SESSION_LIFETIME_DAYS',
    expects: 'a whole number from 1 to 365',
    defaultValue: '30',
    meaning: 'Absolute lifetime of a sign-in, however often it is refreshed.',
  },
  {
    name: 'SESSION_REFRESH_GRACE_SECONDS',
    expects: 'a whole number from 0 to 60',
    defaultValue: '10',
    meaning:
      'How long a just-rotated refresh token still works (tabs refreshing at once); a later replay ends the session.',
  },
  {
    name: 'REAUTH_WINDOW_MINUTES',
    expects: 'a whole number from 1 to 60',
    defaultValue: '10',
    meaning:
      'Minutes after a sign-in or re-authentication during which sensitive actions (MFA, passwords, API tokens) are allowed.',
  },
  {
    name: 'EMAIL_CHANGE_TTL_HOURS',
    expects: 'a whole number from 1 to 168',
    defaultValue: '24',
    meaning: 'Hours the confirmation link sent to a new email address stays valid.',
  },
  {
    name: 'MFA_ENCRYPTION_KEY',
    expects: '32 random bytes in base64 (openssl rand -base64 32)',
    meaning:
      'Encrypts TOTP secrets at rest; derived from APP_SECRET when unset. Changing it disables every enrolled authenticator.',
  },
  {
    name: 'DAILY_FREE_CREDITS',
    expects: 'a whole number from 0 to 1000',
    defaultValue: '10',
    meaning:
      'Free credits every user gets each day, reset at their local midnight (no rollover, spent first).',
  },
  {
    name: 'LOW_CREDITS_THRESHOLD',
    expects: 'a whole number from 0 to 10000 (0 turns the warning off)',
    defaultValue: '10',
    meaning:
      'Users are mailed once when a run takes their credits beyond the daily free ones (Pro, packs, grants) below this.',
  },
  {
    name: 'CREDIT_HOLD_GRACE_MINUTES',
    expects: 'a whole number from 1 to 1440',
    defaultValue: '15',
    meaning:
      'Credits held for work (a queued or running run) past its time limit plus this are given back by the sweeper, and the work ends as failed.',
  },
  {
    name: 'CREDIT_SWEEP_MINUTES',
    expects: 'a whole number from 1 to 60',
    defaultValue: '5',
    meaning: 'How often, once per cluster, the sweeper looks for held credits that a crash left behind.',
  },
  {
    name: 'RUN_STORAGE_DIR',
    expects: 'a writable folder outside the application (shared by every worker and API process)',
    defaultValue: '.huntkit/runs',
    meaning: "Each tool run's raw log and artifacts, one sub-folder per run.",
  },
  {
    name: 'RUN_RETENTION_DAYS',
    expects: 'a whole number from 1 to 3650',
    defaultValue: '30',
    meaning: 'Days a finished run keeps its log and artifacts; its results and findings stay.',
  },
  {
    name: 'RUN_OUTPUT_MAX_BYTES',
    expects: 'a whole number of bytes from 65536 to 1073741824',
    defaultValue: '5242880',
    meaning: 'Most terminal output one run keeps; past it the output is cut with a notice.',
  },
  {
    name: 'RUN_STALL_SECONDS',
    expects: 'a whole number from 1 to 600',
    defaultValue: '30',
    meaning: 'A run whose worker stops answering for this long ends as failed and its credits go back.',
  },
  {
    name: 'RUN_FINISHED_MAIL_AFTER_SECONDS',
    expects: 'a whole number from 0 to 86400',
    defaultValue: '60',
    meaning:
      'Runs lasting at least this long mail their owner when they end (users can turn the mail off); 0 mails every run.',
  },
  {
    name: 'WORKER_RUN_CONCURRENCY',
    expects: 'a whole number from 1 to 256',
    defaultValue: '4',
    meaning: 'Tool runs one worker process runs at once.',
  },
  {
    name: 'RUNS_ACTIVE_LIMIT_FREE',
    expects: 'a whole number from 1 to 100',
    defaultValue: '2',
    meaning: 'Queued or running tool runs a user without Pro may have at once.',
  },
  {
    name: 'RUNS_ACTIVE_LIMIT_PRO',
    expects: 'a whole number from 1 to 100',
    defaultValue: '5',
    meaning: 'Queued or running tool runs a Pro user may have at once.',
  },
  {
    name: 'TOOL_TARGETS_ALLOW_PRIVATE',
    expects: 'true or false',
    defaultValue: 'false',
    meaning:
      'Lets tools reach loopback, private, link-local and cloud metadata addresses; for development and tests only.',
  },
  {
    name: 'STRIPE_SECRET_KEY',
    expects: 'a Stripe secret key (sk_live_… or sk_test_…)',
    meaning:
      'Turns billing on (Pro and credit packs through Stripe Checkout); without it the billing page says billing is not configured.',
  },
  {
    name: 'STRIPE_WEBHOOK_SECRET',
    expects: 'the signing secret of the webhook endpoint (whsec_…)',
    meaning: 'Verifies the events Stripe posts to /api/billing/webhook; required with STRIPE_SECRET_KEY.',
  },
  {
    name: 'STRIPE_API_URL',
    expects: 'an http(s) origin such as http://127.0.0.1:12111',
    meaning:
      "Where the Stripe SDK sends requests; Stripe's own API when unset (tests point it at a local stand-in).",
  },
  {
    name: 'SMTP_URL',
    expects: 'an smtp:// or smtps:// URL with credentials, e.g. smtps://user:password@smtp.example.com:465',
    meaning:
      'Mail server for account mail; without it mails are written to MAIL_OUTBOX_DIR and their links logged.',
  },
  {
    name: 'GOOGLE_CLIENT_ID',
    expects: 'an OAuth client id from the Google Cloud console',
    meaning:
      'With GOOGLE_CLIENT_SECRET, turns on "Continue with Google"; without them the button does not show.',
  },
  {
    name: 'GOOGLE_CLIENT_SECRET',
    expects: 'the OAuth client secret of GOOGLE_CLIENT_ID',
    meaning: 'Secret of the Google OAuth client.',
  },
  {
    name: 'GOOGLE_ISSUER',
    expects: 'an https URL of an OpenID Connect issuer',
    defaultValue: 'https://accounts.google.com',
    meaning:
      'Where Google sign-in discovers its endpoints and keys (tests point it at a local OpenID provider).',
  },
  {
    name: 'GITHUB_CLIENT_ID',
    expects: 'a GitHub OAuth app client id',
    meaning:
      'With GITHUB_CLIENT_SECRET, turns on "Continue with GitHub"; without them the button does not show.',
  },
  {
    name: 'GITHUB_CLIENT_SECRET',
    expects: 'the client secret of the GitHub OAuth app',
    meaning: 'Secret of the GitHub OAuth app.',
  },
  {
    name: 'GITHUB_URL',
    expects: 'an https URL',
    defaultValue: 'https://github.com',
    meaning: "GitHub's web address, for the authorization and token endpoints (tests use a local stand-in).",
  },
  {
    name: 'GITHUB_API_URL',
    expects: 'an https URL',
    defaultValue: 'https://api.github.com',
    meaning: "GitHub's API, for the signed-in user's id and verified primary email.",
  },
  {
    name: 'TURNSTILE_SITE_KEY',
    expects: 'a Cloudflare Turnstile site key',
    meaning:
      'With TURNSTILE_SECRET_KEY, asks for a Turnstile check on sign-up, password help and sign-in after failed attempts.',
  },
  {
    name: 'TURNSTILE_SECRET_KEY',
    expects: 'the Turnstile secret key of TURNSTILE_SITE_KEY',
    meaning: 'Secret the API verifies Turnstile tokens with.',
  },
  {
    name: 'TURNSTILE_VERIFY_URL',
    expects: 'an https URL',
    defaultValue: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    meaning: "Turnstile's siteverify endpoint (tests use a local stand-in).",
  },
  {
    name: 'MAIL_FROM',
    expects: 'a sender such as Huntkit <no-reply@example.com>',
    defaultValue: 'Huntkit <no-reply@huntkit.local>',
    meaning: 'Sender of every mail.',
  },
  {
    name: 'MAIL_RETRY_DELAY_MS',
    expects: 'a whole number of milliseconds from 100 to 600000',
    defaultValue: '5000',
    meaning:
      'Wait before a mail that could not be sent is tried again; each next wait doubles, over 8 attempts in all (about 10 minutes at the default).',
  },
  {
    name: 'MAIL_OUTBOX_DIR',
    expects: 'a writable folder',
    defaultValue: '.huntkit/outbox',
    meaning: 'Where mails go when SMTP_URL is not set.',
  },
  {
    name: 'WEB_DIST_DIR',
    expects: 'a folder holding the built web app (index.html)',
    meaning: 'When set, the API also serves the single-page app from this folder.',
  },
  {
    name: 'DEMO_ADMIN_EMAIL',
    expects: 'an email address',
    defaultValue: 'admin@huntkit.local',
    meaning: 'Email of the demo admin the seeder creates.',
  },
  {
    name: 'DEMO_ADMIN_PASSWORD',
    expects: 'a password of 12 to 128 characters',
    meaning: 'Password of the demo admin; without it the seeder creates no admin.',
  },
  {
    name: 'SOCIAL_GITHUB_URL',
    expects: 'an https URL',
    meaning: 'GitHub link in the site footer (hidden when unset).',
  },
  {
    name: 'SOCIAL_X_URL',
    expects: 'an https URL',
    meaning: 'X link in the site footer (hidden when unset).',
  },
  {
    name: 'SOCIAL_LINKEDIN_URL',
    expects: 'an https URL',
    meaning: 'LinkedIn link in the site footer (hidden when unset).',
  },
  {
    name: 'SOCIAL_DISCORD_URL',
    expects: 'an https URL',
    meaning: 'Discord invite in the site footer (hidden when unset).',
  },
];

export function describeVariable(name: string): string {
  return CONFIG_VARIABLES.find((variable) => variable.name === name)?.expects ?? 'a valid value';
}
