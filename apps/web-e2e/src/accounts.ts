import { type APIRequestContext, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { DEMO_ADMIN, E2E_DATABASE_URL } from '../playwright.config';
import { linkFromMail } from './mail-outbox';

let clients = 0;
/** A client address of its own for each set-up call, so per-client limits never throttle test set-up. */
const fromNewClient = () => ({ 'x-forwarded-for': `203.0.113.${(clients = (clients % 250) + 1)}` });

/**
 * Signs a new account up through the API, confirms it from its mail, and leaves `request` signed in as
 * it. Pass `page.request` to sign the page's browser in too (they share cookies).
 */
export async function signUpVerified(
  request: APIRequestContext,
  displayName: string,
): Promise<{ id: string; email: string }> {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}-${clients}@example.com`;
  const registered = await request.post('/api/auth/register', {
    headers: fromNewClient(),
    data: { email, password: TEST_PASSWORD, displayName },
  });
  expect(registered.status()).toBe(202);
  const token = new URL(await linkFromMail(email, '/verify-email?token=')).searchParams.get('token');
  const verified = await request.post('/api/auth/verify-email', {
    headers: fromNewClient(),
    data: { token },
  });
  expect(verified.status()).toBe(200);
  const me = await request.get('/api/me');
  return { id: (await me.json()).id as string, email };
}

/** The password every account made by signUpVerified has. */
export const TEST_PASSWORD = 'plum tractor velvet 42';

/** Signs `request` (pass `page.request` to sign the page's browser in too) in through the API. */
export async function signIn(
  request: APIRequestContext,
  email: string,
  password = TEST_PASSWORD,
): Promise<void> {
  const login = await request.post('/api/auth/login', {
    headers: fromNewClient(),
    data: { email, password },
  });
  expect(login.status()).toBe(200);
}

/** Calls an admin endpoint as the demo admin, from a request context of its own. */
export async function asDemoAdmin(
  request: APIRequestContext,
  method: 'POST' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<unknown> {
  await signIn(request, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const xsrf =
    (await request.storageState()).cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
  const response = await request.fetch(path, { method, data, headers: { 'x-xsrf-token': xsrf } });
  expect(response.status()).toBe(200);
  return response.json();
}

/**
 * Moves the user's sign-ins an hour into the past in the product's database, so the API treats them as
 * older than its re-authentication window (waiting out the real 10 minutes is not an option in a test).
 */
export function ageSignIns(userId: string): void {
  execFileSync('psql', [
    E2E_DATABASE_URL,
    '--quiet',
    '-c',
    `update sessions set created_at = now() - interval '1 hour', reauthenticated_at = null where user_id = '${userId.replace(/[^0-9a-f-]/g, '')}'`,
  ]);
}
