import { expect, test } from '@playwright/test';
import { E2E_SOCIAL_LINKS } from '../playwright.config';
import { settle } from './support';

test.describe('landing page', () => {
  test('has its meta tags, the hero clear of the navbar, and the catalog from the API', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Huntkit: recon and security tools in your browser');
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /bug-bounty hunters/);
    await expect(page.locator('meta[name="author"]')).toHaveAttribute('content', 'The Huntkit authors');
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /Huntkit/);
    await settle(page);
    const navbar = await page.locator('hk-navbar').boundingBox();
    const chip = await page.locator('.hero .chip').boundingBox();
    expect(navbar && chip && chip.y - (navbar.y + navbar.height)).toBeGreaterThanOrEqual(24);
    await expect(page.getByRole('heading', { name: 'Why hunters love us' })).toBeVisible();
    await expect(page.locator('#arsenal hk-icon-card')).toHaveCount(6);
    await expect(page.locator('#arsenal')).toContainText('Network scanning');
    await expect(page.locator('#arsenal')).not.toContainText('$');
    await expect(page.getByText(/watch demo/i)).toHaveCount(0);
    await expect(page.locator('hk-terminal-demo .line').first()).toBeVisible();
  });

  test('"Launch scan" leads to the tools page', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Launch scan' }).first().click();
    await expect(page).toHaveURL(/\/tools$/);
    await expect(page).toHaveTitle('Tools · Huntkit');
    await expect(page.locator('hk-icon-card')).toHaveCount(6);
  });
});

test.describe('navbar', () => {
  test('links to the tools page, the API docs and sign-in', async ({ page, isMobile }) => {
    await page.goto('/');
    const open = async () => {
      if (isMobile) await page.getByRole('button', { name: 'Open menu' }).click();
    };
    const scope = () => (isMobile ? page.getByRole('menu') : page.locator('hk-navbar'));
    const linkRole = isMobile ? 'menuitem' : 'link';

    await open();
    await scope().getByRole(linkRole, { name: 'Tools' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tools');

    await open();
    await scope().getByRole(linkRole, { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Huntkit');

    await page.goto('/');
    await open();
    await scope().getByRole(linkRole, { name: 'API docs' }).click();
    await expect(page).toHaveURL(/\/api\/docs/);
    await expect(page.locator('.swagger-ui .title')).toContainText('Huntkit API');

    await page.goto('/tools');
    await page.getByRole('link', { name: 'Huntkit home' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe('footer', () => {
  test('follows every legal and product link, and lists the configured social links', async ({ page }) => {
    await page.goto('/');
    const footer = page.locator('hk-footer');
    for (const [name, heading] of [
      ['Terms of Service', 'Terms of Service'],
      ['Privacy Policy', 'Privacy Policy'],
      ['Acceptable Use', 'Acceptable Use'],
      ['Tools', 'Tools'],
    ]) {
      await footer.getByRole('link', { name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page).toHaveTitle(`${heading} · Huntkit`);
    }
    const expected = [
      ['Huntkit on GitHub', E2E_SOCIAL_LINKS.SOCIAL_GITHUB_URL],
      ['Huntkit on X', E2E_SOCIAL_LINKS.SOCIAL_X_URL],
      ['Huntkit on LinkedIn', E2E_SOCIAL_LINKS.SOCIAL_LINKEDIN_URL],
      ['Huntkit on Discord', E2E_SOCIAL_LINKS.SOCIAL_DISCORD_URL],
    ];
    for (const [label, url] of expected) {
      const link = footer.getByRole('link', { name: label });
      await expect(link).toHaveAttribute('href', url);
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
    await expect(footer).toContainText(/© \d{4} The Huntkit authors\. All rights reserved\./);
    const [footerBg, bodyBg] = await Promise.all([
      footer.evaluate((el) => getComputedStyle(el).backgroundColor),
      page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    ]);
    expect(footerBg).not.toBe(bodyBg);
  });
});

test('an unknown page shows the 404 page with a way home', async ({ page }) => {
  const response = await page.goto('/definitely/not/here');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Page not found · Huntkit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nothing to find here');
  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Every tool you trust');
});
