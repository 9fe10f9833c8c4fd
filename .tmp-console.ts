import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } }); const page = await context.newPage();
const logs: string[] = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') logs.push(`${m.type()}: ${m.text()}`); });
await page.goto('http://localhost:3400/');
await page.waitForTimeout(1500);
console.log('SIGN-IN', logs.splice(0));
await page.goto('http://localhost:3400/chat/demo-webchat');
await page.waitForTimeout(1500);
console.log('WIDGET', logs.splice(0));
await page.goto('http://localhost:3400/');
await page.getByLabel('Email').fill('agent1@demo.parley');
await page.getByLabel('Password').fill('demo-password-1');
await page.getByRole('button', { name: /sign in/i }).click();
await page.waitForTimeout(2500);
for (const path of ['/live', '/pending', '/closed', '/queue', '/tagged', '/flagged', '/tickets/unassigned', '/settings', '/admin']) {
  await page.goto('http://localhost:3400' + path); await page.waitForTimeout(1200);
  const r = await new AxeBuilder({ page }).analyze();
  console.log(path, r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0,3).join(' | ')}`));
}
await page.goto('http://localhost:3400/live'); await page.waitForTimeout(1000);
const row = page.locator('[role=listitem], li').filter({ hasText: /./ }).first();
await page.locator('a[href*="/live/"]').first().click().catch(() => {});
await page.waitForTimeout(1500);
for (const tab of ['Profile', 'Notes', 'History', 'Comments']) {
  await page.getByRole('tab', { name: tab }).click().catch(() => {});
  await page.waitForTimeout(500);
  const r = await new AxeBuilder({ page }).analyze();
  console.log('chat+' + tab, r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0,3).join(' | ')}`));
}
console.log('DESK', logs.splice(0));
await browser.close();
