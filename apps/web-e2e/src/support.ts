import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The main pages of the site: every one is scanned by axe and photographed at both widths. */
export const MAIN_PAGES = [
  { name: 'landing', path: '/', heading: /Every tool you trust/ },
  { name: 'tools', path: '/tools', heading: /^Tools$/ },
  { name: 'sign-in', path: '/sign-in', heading: /Sign in to Huntkit/ },
  { name: 'sign-up', path: '/sign-up', heading: /Create your account/ },
  { name: 'forgot-password', path: '/forgot-password', heading: /Forgot your password\?/ },
  { name: 'reset-password', path: '/reset-password?token=from-a-mail', heading: /Choose a new password/ },
  { name: 'verify-email-incomplete', path: '/verify-email', heading: /This link did not work/ },
  { name: 'terms', path: '/legal/terms', heading: /Terms of Service/ },
  { name: 'privacy', path: '/legal/privacy', heading: /Privacy Policy/ },
  { name: 'acceptable-use', path: '/legal/acceptable-use', heading: /Acceptable Use/ },
  { name: 'not-found', path: '/no/such/page', heading: /Nothing to find here/ },
] as const;

/** Waits for page-entry fades and other finite animations, so scans and pictures see the settled page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

export async function expectNoSeriousAxeViolations(page: Page, testInfo: TestInfo): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  await testInfo.attach('axe-violations.json', {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}
