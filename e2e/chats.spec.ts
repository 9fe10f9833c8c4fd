import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  composer,
  conversation,
  demoStaff,
  escapeRegExp,
  expect,
  expectOnline,
  messages,
  providerReplies,
  setAvailable,
  test,
  unique,
  view,
  whileQueueing,
} from './fixtures.ts';
import type { DemoPerson, WebhookCustomer } from './fixtures.ts';

// Customers write in through the demo's signed webhook; Lerato (agent1) answers in the desk.

const lerato = demoStaff.agent1;

/** The desk of an agent who is available and online, so new chats are routed to them. */
async function availableDesk(asStaff: (person: typeof lerato) => Promise<Page>) {
  const page = await asStaff(lerato);
  await becomeAvailable(page, lerato);
  return page;
}

/** The replies the fake provider received for one number, oldest first. */
const repliesTo = async (request: Parameters<typeof providerReplies>[0], e164: string) =>
  (await providerReplies(request)).filter((reply) => reply.to === e164).map((reply) => reply.text);

test.describe('live chats', () => {
  test('a new chat reaches the available agent live; the reply goes out to the provider once', async ({
    asStaff,
    newCustomer,
    request,
  }) => {
    const desk = await availableDesk(asStaff);
    await expect(desk.getByRole('heading', { level: 1, name: 'Live' })).toBeVisible();
    const customer = newCustomer();
    const question = unique('Hello, where is my order?');

    const answer = await customer.write(question);
    expect(answer).toMatchObject({ accepted: true, duplicate: false });

    // No reload: the routed chat arrives over the desk's socket.
    const row = chatRow(desk, 'Live', customer.name);
    await expect(row).toBeVisible();
    await expect(row).toHaveAccessibleName(
      new RegExp(
        `^${escapeRegExp(customer.name)}, new, Signed webhook, .*${escapeRegExp(question)}$`,
      ),
    );
    await row.click();
    await expect(desk).toHaveURL(new RegExp(`/live/${answer.chatId}$`));
    const log = messages(desk, customer.name);
    await expect(log.getByText(question, { exact: true })).toBeVisible();

    const reply = unique('It leaves our warehouse today.');
    const box = composer(desk, customer.name);
    await box.fill(reply);
    await box.press('Enter');
    await expect(box).toHaveValue('');

    // Beside Parley's own "You're chatting with…", the reply went out once.
    await expect
      .poll(async () => (await repliesTo(request, customer.e164)).filter((t) => t === reply))
      .toEqual([reply]);
    const bubble = log.getByRole('listitem').filter({ hasText: reply });
    await expect(bubble.getByRole('img', { name: 'Sent' })).toBeVisible();
    await expect(bubble).toHaveCount(1);
    await expect(row).toHaveAccessibleName(new RegExp(`, You: ${escapeRegExp(reply)}$`));
  });

  test('a repeated messageId is stored once and answered duplicate: true', async ({
    asStaff,
    newCustomer,
  }) => {
    const desk = await availableDesk(asStaff);
    const customer = newCustomer();
    const messageId = randomUUID();
    const text = unique('My parcel never arrived.');

    const first = await customer.write(text, { messageId });
    expect(first.duplicate).toBe(false);
    await chatRow(desk, 'Live', customer.name).click();
    const log = messages(desk, customer.name);
    await expect(log.getByText(text, { exact: true })).toBeVisible();

    // The provider delivers the same message again, e.g. after a timeout on its side.
    const again = await customer.write(text, { messageId });
    expect(again).toEqual({ accepted: true, duplicate: true, chatId: first.chatId });

    // A later message arriving proves the desk has heard everything sent before it.
    const later = unique('Any news?');
    expect((await customer.write(later)).chatId).toBe(first.chatId);
    await expect(log.getByText(later, { exact: true })).toBeVisible();
    await expect(log.getByText(text, { exact: true })).toHaveCount(1);

    // And the server's own timeline has it once too.
    await desk.reload();
    await expect(log.getByText(later, { exact: true })).toBeVisible();
    await expect(log.getByText(text, { exact: true })).toHaveCount(1);
  });

  test('closing through the wrap-up moves the chat from Live to Closed with a closed line', async ({
    asStaff,
    newCustomer,
  }) => {
    const desk = await availableDesk(asStaff);
    const customer = newCustomer();
    const { chatId } = await customer.write(unique('Thanks, that sorted it out.'));
    const liveRow = chatRow(desk, 'Live', customer.name);
    await liveRow.click();

    await conversation(desk, customer.name).getByRole('button', { name: 'Close…' }).click();
    const dialog = desk.getByRole('dialog', { name: `Close the chat with ${customer.name}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: 'Neutral' })).toBeChecked();
    await dialog.getByRole('radio', { name: 'Positive' }).check();
    await expect(dialog.getByRole('radio', { name: 'Neutral' })).not.toBeChecked();
    await dialog.getByRole('textbox', { name: /^Note/ }).fill('Refund approved in SUP-1234.');
    await dialog.getByRole('button', { name: 'Close chat' }).click();

    await expect(dialog).toBeHidden();
    await expect(liveRow).toHaveCount(0);
    const closedLine = /^Closed by Lerato Mokoena · positive · note added · \d/;
    await expect(messages(desk, customer.name).getByText(closedLine)).toBeVisible();
    await expect(conversation(desk, customer.name)).toContainText(
      'This chat is closed. Reopen it to write.',
    );

    await view(desk, 'Closed').click();
    await expect(desk.getByRole('heading', { level: 1, name: 'Closed' })).toBeVisible();
    const closedRow = chatRow(desk, 'Closed', customer.name);
    await expect(closedRow).toBeVisible();
    await closedRow.click();
    await expect(desk).toHaveURL(new RegExp(`/closed/${chatId}$`));
    await expect(messages(desk, customer.name).getByText(closedLine)).toBeVisible();
    await expect(
      conversation(desk, customer.name).getByRole('button', { name: 'Reopen' }),
    ).toBeVisible();
  });

  test('a flagged chat cannot be closed: Close… is off and says why', async ({
    asStaff,
    newCustomer,
  }) => {
    const desk = await availableDesk(asStaff);
    const customer = newCustomer();
    await customer.write(unique('Please call me back about the invoice.'));
    const row = chatRow(desk, 'Live', customer.name);
    await row.click();
    const chat = conversation(desk, customer.name);

    await chat.getByRole('button', { name: 'Flag', exact: true }).click();
    await expect(chat.getByRole('button', { name: 'Unflag' })).toBeVisible();
    await expect(row).toHaveAccessibleName(
      new RegExp(`^${escapeRegExp(customer.name)}, flagged, `),
    );

    // The desk says no before the work: Close… is disabled, its reason on focus of its wrapper.
    const close = chat.getByRole('button', { name: 'Close…', exact: true });
    await expect(close).toBeDisabled();
    await close.locator('..').focus();
    await expect(
      desk.getByRole('tooltip', { name: 'A flagged chat cannot be closed. Un-flag it first.' }),
    ).toBeVisible();
    await expect(row).toBeVisible();
    await expect(messages(desk, customer.name).getByText(/^Closed/)).toHaveCount(0);
    await expect(chat.getByRole('textbox', { name: `Reply to ${customer.name}` })).toBeVisible();
  });

  test('with the agent unavailable a new chat waits in the Queue, and the agent can accept it', async ({
    asStaff,
    newCustomer,
    playwright,
    baseURL,
  }) => {
    // With nobody available a conversation becomes a ticket unless an admin chose queueing.
    await whileQueueing(playwright, baseURL, () => queueWhileUnavailable(asStaff, newCustomer));
  });

  async function queueWhileUnavailable(
    asStaff: (person: DemoPerson) => Promise<Page>,
    newCustomer: () => WebhookCustomer,
  ) {
    const desk = await asStaff(lerato);
    await setAvailable(desk, false);
    // Online but not available: routing still passes them by.
    await expectOnline(desk, lerato);
    await view(desk, 'Queue').click();
    await expect(desk.getByRole('heading', { level: 1, name: 'Queue' })).toBeVisible();

    const customer = newCustomer();
    const text = unique('Is anyone there?');
    const { chatId } = await customer.write(text);
    const queued = chatRow(desk, 'Queue', customer.name);
    await expect(queued).toBeVisible();
    await queued.click();
    const chat = conversation(desk, customer.name);
    await expect(chat.getByText('No agent yet')).toBeVisible();
    await expect(chat).toContainText('Accept this chat to reply.');
    await expect(messages(desk, customer.name).getByText(text, { exact: true })).toBeVisible();

    await chat.getByRole('button', { name: 'Accept' }).click();
    await expect(chat.getByText('With you')).toBeVisible();
    await expect(composer(desk, customer.name)).toBeVisible();
    await expect(
      messages(desk, customer.name).getByText(/^Accepted by Lerato Mokoena · \d/),
    ).toBeVisible();
    await expect(queued).toHaveCount(0);

    await view(desk, 'Live').click();
    await expect(chatRow(desk, 'Live', customer.name)).toBeVisible();
    await chatRow(desk, 'Live', customer.name).click();
    await expect(desk).toHaveURL(new RegExp(`/live/${chatId}$`));
  }

  test('Shift+Enter starts a new line; Enter sends both lines as one message', async ({
    asStaff,
    newCustomer,
    request,
  }) => {
    const desk = await availableDesk(asStaff);
    const customer = newCustomer();
    await customer.write(unique('Can you give me the steps?'));
    await chatRow(desk, 'Live', customer.name).click();
    const box = composer(desk, customer.name);
    const log = messages(desk, customer.name);
    const firstLine = unique('Step one: open the app.');
    const secondLine = 'Step two: tap Orders.';

    await box.click();
    await box.pressSequentially(firstLine);
    await box.press('Shift+Enter');
    await box.pressSequentially(secondLine);
    await expect(box).toHaveValue(`${firstLine}\n${secondLine}`);
    await expect(log.getByRole('listitem').filter({ hasText: firstLine })).toHaveCount(0);

    await box.press('Enter');
    await expect(box).toHaveValue('');
    const bubble = log.getByRole('listitem').filter({ hasText: firstLine });
    await expect(bubble).toHaveCount(1);
    await expect(bubble).toContainText(secondLine);
    // One message went out, with its line break.
    await expect
      .poll(async () =>
        (await repliesTo(request, customer.e164)).filter((t) => t.startsWith(firstLine)),
      )
      .toEqual([`${firstLine}\n${secondLine}`]);
    await expect(bubble.getByRole('img', { name: 'Sent' })).toBeVisible();
  });
});
