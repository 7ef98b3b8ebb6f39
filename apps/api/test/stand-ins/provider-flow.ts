import { CookieJar } from '../cookie-jar';
import type { SignedInHarness } from '../signed-in-harness';

/**
 * What a browser does between "Continue with …" and landing back in the app: follows the provider's
 * redirects (with the provider's own cookies) until they point back at the app (`appUrl`, the API's
 * configured APP_URL), then opens that callback in the app. Answers the app's final redirect.
 */
export async function throughProvider(
  harness: SignedInHarness,
  appUrl: string,
  authorizationUrl: string,
  jar: CookieJar,
  tamper?: (callback: URL) => void,
): Promise<{ status: number; location: string }> {
  const providerJar = new CookieJar();
  let next = authorizationUrl;
  for (let hop = 0; hop < 10 && !next.startsWith(appUrl); hop += 1) {
    const answer = await fetch(next, { redirect: 'manual', headers: { cookie: providerJar.header() } });
    providerJar.store(answer.headers);
    const location = answer.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${next}: ${answer.status} ${await answer.text()}`);
    next = new URL(location, next).href;
  }
  const callback = new URL(next);
  tamper?.(callback);
  const landed = await harness.call(`${callback.pathname}${callback.search}`, { jar, redirect: 'manual' });
  return { status: landed.status, location: landed.headers.get('location') ?? '' };
}
