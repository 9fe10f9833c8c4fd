import { demoStaff, expect, signIn, test } from './fixtures.ts';

// The pages run under a strict Content-Security-Policy; every spec fails on a violation
// (fixtures.ts), and this one checks that the policy is there and holds.

test.describe('content security policy', () => {
  test('the desk, the widget and the API docs load without a single violation', async ({
    page,
  }) => {
    const desk = await page.goto('/');
    expect(desk?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(desk?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await signIn(page, demoStaff.agent2.email);

    const widget = await page.goto('/chat/demo-webchat');
    expect(widget?.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    await expect(page.getByRole('heading', { name: 'Hi! How can we help?' })).toBeVisible();

    const docs = await page.goto('/api/docs/');
    expect(docs?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByRole('heading', { name: /Parley API/ })).toBeVisible();
  });

  test('markup slipped into the desk cannot run script', async ({ page, cspViolations }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
    await page.evaluate(() => {
      const trap = document.createElement('div');
      trap.innerHTML = '<img src="data:," onerror="window.__ran = true">';
      document.body.append(trap);
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.body.append(script);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBeUndefined();
    // Provoked on purpose: not a failure of the page.
    cspViolations.splice(0);
  });
});
