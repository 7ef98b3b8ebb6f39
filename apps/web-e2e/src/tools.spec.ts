import { expect, test } from '@playwright/test';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { signUpVerified } from './accounts';
import { expectNoSeriousAxeViolations, settle } from './support';

const shot = (name: string, project: string) => `dist/web-e2e/screenshots/${name}-${project}.png`;

test('a hunter picks the port scan, fills its form, launches it and watches it find a local service', async ({
  page,
}, testInfo) => {
  // The target: a local service that introduces itself, as SSH does.
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write('SSH-2.0-OpenSSH_9.6\r\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  try {
    await signUpVerified(page.request, 'Port Hunter');
    await page.goto('/tools');
    await page.getByRole('link', { name: /Port scan/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Port scan');
    await expect(page.getByText('Costs 2 credits · you have 10')).toBeVisible();
    // The form comes from the tool's schema: defaults filled in, the target required.
    await expect(page.getByLabel('Ports')).toHaveValue('1-1024');
    await page.getByRole('button', { name: 'Launch' }).click();
    await expect(page.getByText('Target is required.')).toBeVisible();

    await page.getByLabel('Target').fill('127.0.0.1');
    await page.getByLabel('Ports').fill(`${port}`);
    await settle(page);
    await page.screenshot({ path: shot('tool-launch', testInfo.project.name), fullPage: true });
    await page.getByRole('button', { name: 'Launch' }).click();

    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const terminal = page.locator('.xterm-rows');
    await expect(terminal).toContainText(`${port}/tcp`);
    await expect(terminal).toContainText('SSH-2.0-OpenSSH_9.6');
    await expect(terminal).toContainText('Finished');
    const results = page.getByRole('region', { name: 'Results' });
    await expect(results.getByRole('table')).toContainText(`tcp/${port}`);
    await expect(results.getByRole('table')).toContainText(`ssh on ${port}/tcp`);
    await expect(page.getByRole('link', { name: /^8 credits/ })).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('run', testInfo.project.name), fullPage: true });
    await expectNoSeriousAxeViolations(page, testInfo);

    await page.goto('/runs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your runs');
    await expect(page.getByText('Port scan').first()).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('runs', testInfo.project.name), fullPage: true });
  } finally {
    server.close();
  }
});
