import { randomUUID } from 'node:crypto';
import {
  becomeAvailable,
  chatRow,
  composer,
  demoStaff,
  expect,
  messages,
  providerReplies,
  test,
} from './fixtures.ts';

// Lerato (agent1) saves a reply of her own and answers a webhook customer with it.

const lerato = demoStaff.agent1;

test.describe('canned replies', () => {
  test('an agent saves a reply, inserts it with / in a chat, filled in, and the customer gets it', async ({
    asStaff,
    newCustomer,
    request,
  }) => {
    const desk = await asStaff(lerato);
    await becomeAvailable(desk, lerato);
    const token = randomUUID().slice(0, 8);
    const title = `Shipping update ${token}`;

    await desk
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: 'Canned replies' })
      .click();
    await expect(desk.getByRole('heading', { level: 1, name: 'Canned replies' })).toBeVisible();
    await desk.getByRole('button', { name: 'New reply' }).first().click();
    const sheet = desk.getByRole('dialog', { name: 'New canned reply' });
    await sheet.getByLabel('Title').fill(title);
    await sheet
      .getByLabel('Reply')
      .fill('Hi {{customer.firstName}}, {{agent.firstName}} here: your parcel ships today.');
    // Only supervisors and admins share replies.
    await expect(sheet.getByRole('checkbox', { name: 'Shared with everyone' })).toBeDisabled();
    await sheet.getByRole('button', { name: 'Save reply' }).click();
    await expect(sheet).toBeHidden();
    await expect(
      desk.getByRole('list', { name: 'My replies' }).getByRole('heading', { name: title }),
    ).toBeVisible();

    // A customer writes; Lerato answers with the reply.
    const customer = newCustomer();
    await customer.write('Hello, when does my parcel ship?');
    await desk
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: 'Live' })
      .click();
    await chatRow(desk, 'Live', customer.name).click();
    const box = composer(desk, customer.name);
    await box.click();
    await box.pressSequentially(`/${token}`);
    const listbox = desk.getByRole('listbox', { name: 'Canned replies' });
    const option = listbox.getByRole('option', { name: new RegExp(title) });
    await expect(option).toBeVisible();
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
    await box.press('Enter');
    const firstName = customer.name.split(' ')[0]!;
    const filled = `Hi ${firstName}, Lerato here: your parcel ships today.`;
    await expect(box).toHaveValue(filled);
    await expect(listbox).toBeHidden();

    // Still editable before it goes: the agent adds a line, then sends.
    await box.press('End');
    await box.pressSequentially(' Thanks!');
    await box.press('Enter');
    await expect(box).toHaveValue('');
    const sent = `${filled} Thanks!`;
    await expect(messages(desk, customer.name).getByText(sent, { exact: true })).toBeVisible();
    await expect
      .poll(async () =>
        (await providerReplies(request))
          .filter((reply) => reply.to === customer.e164)
          .map((reply) => reply.text),
      )
      .toContain(sent);
  });

  test('an agent sees the shared replies but cannot change them, and is told why', async ({
    asStaff,
  }) => {
    const desk = await asStaff(lerato);
    await desk.goto('/canned-replies');
    const shared = desk.getByRole('list', { name: 'Shared replies' });
    // The demo's shared greeting, kept by the supervisor.
    await expect(shared.getByRole('heading', { name: 'Greeting' })).toBeVisible();
    const edit = shared.getByRole('button', { name: 'Edit Greeting' });
    await expect(edit).toBeDisabled();
    await expect(shared.getByRole('button', { name: 'Delete Greeting' })).toBeDisabled();
    await edit.locator('..').hover();
    await expect(desk.getByRole('tooltip')).toHaveText(
      'Only supervisors and admins change shared replies',
    );
    // The server refuses too.
    const list = await desk.request.get('/api/canned-replies?q=Greeting');
    const greeting = ((await list.json()) as { items: { id: string; title: string }[] }).items.find(
      (item) => item.title === 'Greeting',
    )!;
    const refused = await desk.request.patch(`/api/canned-replies/${greeting.id}`, {
      data: { body: 'Changed' },
      headers: { origin: new URL(desk.url()).origin },
    });
    expect(refused.status()).toBe(403);
  });
});
