import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { demoStaff, expect, signIn, test } from './fixtures.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('an admin subscribes a receiver, sends a test event it can verify, and deletes the webhook', async ({
  page,
}) => {
  test.slow();
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/parley-${Date.now()}`;

  try {
    await signIn(page, demoStaff.admin.email);
    await page.goto('/admin/webhooks');
    await page.getByRole('button', { name: 'New webhook' }).click();
    const sheet = page.getByRole('dialog', { name: 'New webhook' });
    await sheet.getByLabel('URL').fill(url);
    await sheet.getByRole('checkbox', { name: /message\.in/ }).check();
    await sheet.getByRole('button', { name: 'Create webhook' }).click();

    const dialog = page.getByRole('dialog', { name: 'Copy the signing secret' });
    const secret = await dialog.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: "I've stored it" }).click();
    await expect(page.getByRole('rowheader', { name: url })).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations).toEqual([]);

    await page.getByRole('button', { name: `Deliveries of ${url}` }).click();
    const log = page.getByRole('dialog', { name: 'Deliveries' });
    await expect(log.getByText('No deliveries yet.')).toBeVisible();
    await log.getByRole('button', { name: 'Send test event' }).click();
    // The worker sends it within a second or two; the open log refreshes while it waits.
    await expect(log.getByText('Delivered')).toBeVisible({ timeout: 15_000 });
    await expect(log.getByText('1 attempt · HTTP 204')).toBeVisible();

    expect(received).toHaveLength(1);
    const [request] = received;
    const timestamp = String(request!.headers['x-parley-timestamp']);
    const expected = createHmac('sha256', secret)
      .update(`${timestamp}.${request!.body}`)
      .digest('hex');
    expect(request!.headers['x-parley-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'webhook.test' });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: `Delete ${url}` }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete this webhook?' })
      .getByRole('button', { name: 'Delete webhook' })
      .click();
    await expect(page.getByRole('rowheader', { name: url })).toHaveCount(0);
  } finally {
    receiver.close();
  }
});
