import { ConfigError, loadConfig } from './load-config';

const valid = {
  APP_URL: 'http://localhost:4200/',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/huntkit',
  REDIS_URL: 'redis://127.0.0.1:6379',
  APP_SECRET: 'kP3v9Qz7LmN2xR8tY5wB1cD4eF6gH0jS',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('builds the typed object with defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      env: 'development',
      appUrl: 'http://localhost:4200',
      http: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 1048576, trustProxy: false },
      log: { level: 'info' },
      social: { github: undefined },
    });
  });

  it('names every missing variable and what it expects', () => {
    const problems = problemsOf({});
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL: expected a PostgreSQL URL .*\(it is not set\)/),
        expect.stringMatching(/^REDIS_URL: expected a Redis URL/),
        expect.stringMatching(/^APP_URL: expected/),
        expect.stringMatching(/^APP_SECRET: expected/),
      ]),
    );
  });

  it('rejects malformed values with the variable name', () => {
    expect(problemsOf({ ...valid, PORT: 'eighty' })).toEqual([
      expect.stringMatching(/^PORT: expected a TCP port/),
    ]);
    expect(problemsOf({ ...valid, DATABASE_URL: 'mysql://x@y/z' })).toEqual([
      expect.stringMatching(/^DATABASE_URL:/),
    ]);
    expect(problemsOf({ ...valid, TRUST_PROXY: 'anyone' })).toEqual([expect.stringMatching(/^TRUST_PROXY:/)]);
    expect(problemsOf({ ...valid, SOCIAL_X_URL: 'http://x.com/huntkit' })).toEqual([
      expect.stringMatching(/^SOCIAL_X_URL:/),
    ]);
  });

  it('refuses to trust every proxy and rejects malformed proxy addresses', () => {
    expect(problemsOf({ ...valid, TRUST_PROXY: 'true' })).toEqual([expect.stringMatching(/^TRUST_PROXY:/)]);
    for (const bad of ['::::', '999.1.1.1', '10.0.0.0/33', '10.0.0.1/8/1']) {
      expect(problemsOf({ ...valid, TRUST_PROXY: bad })).toEqual([expect.stringMatching(/^TRUST_PROXY:/)]);
    }
    expect(loadConfig({ ...valid, TRUST_PROXY: '::1, fd00::/8' }).http.trustProxy).toEqual([
      '::1',
      'fd00::/8',
    ]);
  });

  it('checks WEB_DIST_DIR holds a built app and REDIS_PREFIX is a plain key prefix', () => {
    expect(problemsOf({ ...valid, WEB_DIST_DIR: '/nonexistent/dist' })).toEqual([
      expect.stringMatching(/^WEB_DIST_DIR: .*no index.html/),
    ]);
    expect(problemsOf({ ...valid, REDIS_PREFIX: 'has spaces' })).toEqual([
      expect.stringMatching(/^REDIS_PREFIX:/),
    ]);
    expect(loadConfig(valid).redis.prefix).toBe('huntkit');
  });

  it('turns billing on only with both Stripe variables, and says which one is missing', () => {
    expect(loadConfig(valid).stripe).toBeNull();
    const stripe = { STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };
    expect(loadConfig({ ...valid, ...stripe }).stripe).toEqual({
      secretKey: 'sk_test_abc123',
      webhookSecret: 'whsec_abc123',
      apiUrl: undefined,
    });
    expect(problemsOf({ ...valid, STRIPE_SECRET_KEY: 'sk_test_abc123' })).toEqual([
      expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: .*only one is set/),
    ]);
    expect(problemsOf({ ...valid, ...stripe, STRIPE_SECRET_KEY: 'pk_test_public' })).toEqual([
      expect.stringMatching(/^STRIPE_SECRET_KEY: /),
    ]);
  });

  it('refuses the development demo password in production', () => {
    const production = { ...valid, NODE_ENV: 'production' };
    expect(problemsOf({ ...production, DEMO_ADMIN_PASSWORD: 'huntkit-demo-admin' })).toEqual([
      expect.stringMatching(/^DEMO_ADMIN_PASSWORD: .*placeholder/),
    ]);
    expect(loadConfig({ ...production, DEMO_ADMIN_PASSWORD: 'Vq8#mZ2!pL7@xR4$' }).demoAdmin.password).toBe(
      'Vq8#mZ2!pL7@xR4$',
    );
  });

  it('parses trust proxy as hops or an address list', () => {
    expect(loadConfig({ ...valid, TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });

  it('refuses placeholder secrets in production only', () => {
    const placeholder = { ...valid, APP_SECRET: 'change-me-change-me-change-me-change-me' };
    expect(loadConfig(placeholder).secrets.app).toBe(placeholder.APP_SECRET);
    expect(problemsOf({ ...placeholder, NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^APP_SECRET: .*placeholder/),
    ]);
    expect(problemsOf({ ...valid, NODE_ENV: 'production', APP_SECRET: 'a'.repeat(40) })).toHaveLength(1);
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).isProduction).toBe(true);
  });

  it('never echoes a secret value in its messages', () => {
    const problems = problemsOf({ ...valid, APP_SECRET: 'short-secret-value' });
    expect(problems.join('\n')).not.toContain('short-secret-value');
  });
});
