import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { installFresh } from './fresh-install.ts';
import type { FreshInstall } from './fresh-install.ts';

// README "Set up for real", walked by a browser: a fresh install without demo data, its first
// admin made on the command line, and everything else done in the Admin area. With
// PARLEY_SHOTS=docs it also refreshes the README's pictures of the walk.

const shotsDir = path.resolve(
  import.meta.dirname,
  process.env.PARLEY_SHOTS === 'docs' ? '../docs/setup' : '../.tmp/shots/setup',
);
const picture = async (page: Page, name: string) => {
  mkdirSync(shotsDir, { recursive: true });
  // Dialogs and sheets fade in: picture them once they have settled.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
};

let fresh: FreshInstall;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fresh = await installFresh(Number(process.env.E2E_PORT ?? 3210) + 17);
});

test.afterAll(async () => {
  await fresh?.stop();
});

test('a fresh install becomes a working desk from the Admin area alone', async ({ browser }) => {
  // A server of its own, three browsers and a password hash per sign-in.
  test.setTimeout(180_000);
  const baseURL = fresh.baseURL;
  const viewport = { width: 1280, height: 800 };
  const adminContext = await browser.newContext({ baseURL, viewport });
  await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  const admin = await adminContext.newPage();

  // With no staff at all, the terminal and the sign-in page both say how to make the first admin.
  expect(fresh.output()).toContain('npm run parley -- staff create --role admin');
  await admin.goto('/');
  await expect(admin.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
  await expect(admin.getByText('npm run parley -- staff create --role admin')).toBeVisible();
  await picture(admin, '0-first-run');

  // The operator runs that command; then the page's button leads to the sign-in form.
  expect(await fresh.createFirstAdmin()).toContain(`Created admin ${fresh.admin.name}`);
  await admin.getByRole('button', { name: 'I have created it' }).click();
  await expect(admin.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
  await admin.getByLabel('Email').fill(fresh.admin.email);
  await admin.getByLabel('Password').fill(fresh.admin.password);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Admin' })
    .click();
  await expect(admin).toHaveURL(/\/admin\/departments$/);
  const pages = admin.getByRole('navigation', { name: 'Admin pages' });

  // 1. A department.
  await admin.getByRole('button', { name: 'New department' }).first().click();
  const departmentSheet = admin.getByRole('dialog', { name: 'New department' });
  await departmentSheet.getByLabel('Name').fill('Support');
  await departmentSheet.getByRole('button', { name: 'Create department' }).click();
  await expect(admin.getByRole('rowheader', { name: 'Support' })).toBeVisible();
  await picture(admin, '1-department');

  // 2. A web-chat channel routed to it; its secret and snippet are shown this once.
  await pages.getByRole('link', { name: 'Channels' }).click();
  await admin.getByRole('button', { name: 'New channel' }).first().click();
  const channelSheet = admin.getByRole('dialog', { name: 'New channel' });
  await channelSheet.getByRole('radio', { name: /Web chat/ }).check();
  await channelSheet.getByLabel('Name').fill('Website chat');
  await channelSheet.getByLabel('Department').selectOption({ label: 'Support' });
  await channelSheet.getByLabel('Greeting').fill('Hello! Ask us anything.');
  await picture(admin, '2-channel-sheet');
  await channelSheet.getByRole('button', { name: 'Create channel' }).click();
  const secrets = admin.getByRole('dialog', { name: 'Copy the secrets of “Website chat”' });
  await secrets.getByRole('button', { name: 'Copy embed snippet' }).click();
  const snippet = await admin.evaluate(() => navigator.clipboard.readText());
  const widgetUrl = /src="([^"]+)"/.exec(snippet)?.[1] ?? '';
  expect(widgetUrl).toMatch(/\/chat\/wc-[0-9a-f]+$/);
  await picture(admin, '3-channel-secrets');
  await secrets.getByRole('button', { name: "I've stored them" }).click();

  // 3. An agent of Support, with a one-time link to choose a password.
  await pages.getByRole('link', { name: 'Staff' }).click();
  await admin.getByRole('button', { name: 'New staff member' }).click();
  const staffSheet = admin.getByRole('dialog', { name: 'New staff member' });
  await staffSheet.getByLabel('Name').fill('Ayanda Zulu');
  await staffSheet.getByLabel('Email').fill('ayanda@example.com');
  await staffSheet.getByLabel('Role').selectOption('agent');
  await staffSheet.getByRole('checkbox', { name: 'Support' }).check();
  await staffSheet.getByRole('button', { name: 'Create staff member' }).click();
  const linkDialog = admin.getByRole('dialog', { name: 'Ayanda Zulu can now set a password' });
  const link = await linkDialog.getByLabel('Set-password link').inputValue();
  await picture(admin, '4-staff-link');
  await linkDialog.getByRole('button', { name: 'Done' }).click();

  // The agent opens the link, chooses a password, signs in and goes available.
  const agentContext = await browser.newContext({ baseURL, viewport });
  const agent = await agentContext.newPage();
  await agent.goto(new URL(link).pathname);
  await agent.getByLabel('New password').fill('ayanda-first-password');
  await agent.getByLabel('Repeat the password').fill('ayanda-first-password');
  await agent.getByRole('button', { name: 'Set password' }).click();
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.getByLabel('Password').fill('ayanda-first-password');
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await expect(agent.getByRole('navigation', { name: 'Views' })).toBeVisible();
  const available = agent.getByRole('switch', { name: 'Available' });
  await available.click();
  await expect(available).toBeChecked();

  // A visitor writes through the new channel's widget; the chat reaches the agent live.
  const visitorContext = await browser.newContext({ viewport: { width: 390, height: 760 } });
  const widget = await visitorContext.newPage();
  await widget.goto(widgetUrl);
  await expect(widget.getByText('Hello! Ask us anything.')).toBeVisible();
  await widget.getByRole('textbox', { name: 'Your phone number' }).fill('082 555 0199');
  await widget.getByRole('textbox', { name: 'Your name' }).fill('Pieter Venter');
  await widget.getByRole('button', { name: 'Start chat' }).click();
  const box = widget.getByRole('textbox', { name: 'Message' });
  await box.fill('Hi, do you deliver on Saturdays?');
  await box.press('Enter');
  const row = agent
    .getByRole('list', { name: 'Live' })
    .getByRole('link', { name: /^Pieter Venter, / });
  await row.click();
  await expect(
    agent
      .getByRole('log', { name: 'Messages with Pieter Venter' })
      .getByText('Hi, do you deliver on Saturdays?'),
  ).toBeVisible();
  await picture(agent, '5-first-chat');

  // The admin deactivates the agent; the agent's open desk is signed out by itself.
  await admin.reload();
  await admin.getByRole('button', { name: 'Deactivate Ayanda Zulu' }).click();
  await admin
    .getByRole('alertdialog', { name: 'Deactivate Ayanda Zulu?' })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(agent.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible({
    timeout: 8_000,
  });

  await visitorContext.close();
  await agentContext.close();
  await adminContext.close();
});
