import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations, MAIN_PAGES, settle } from './support';

const THIRD_PARTY_SCRIPTS = ['https://accounts.google.com/gsi/'];

for (const mainPage of MAIN_PAGES) {
  test(`${mainPage.name}: renders, fades in, passes axe, and is photographed`, async ({ page }, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // The e2e stack has Google sign-in configured, so the sign-in page asks for Google's One Tap
      // script; this machine has no internet, and that one failed load is not the page's error.
      const thirdParty = THIRD_PARTY_SCRIPTS.some((url) => message.location().url.startsWith(url));
      if (message.type() === 'error' && !thirdParty) errors.push(message.text());
    });
    await page.goto(mainPage.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(mainPage.heading);
    // Every page enters with the same calm fade (600-800 ms).
    const fade = await page
      .locator('.hk-page')
      .first()
      .evaluate((el) => getComputedStyle(el).animationDuration);
    expect(parseFloat(fade)).toBeGreaterThanOrEqual(0.6);
    expect(parseFloat(fade)).toBeLessThanOrEqual(0.8);
    await settle(page);
    await expectNoSeriousAxeViolations(page, testInfo);
    await page.screenshot({
      path: `dist/web-e2e/screenshots/${mainPage.name}-${testInfo.project.name}.png`,
      fullPage: true,
    });
    expect(errors).toEqual([]);
  });
}
