import type { Page } from '@playwright/test';
import {
  becomeAvailable,
  chatRow,
  composer,
  conversation,
  demoStaff,
  expect,
  expectOnline,
  messages,
  setAvailable,
  test,
  unique,
  view,
} from './fixtures.ts';
import type { DemoPerson, WebhookCustomer } from './fixtures.ts';

// The customer context panel beside the conversation, seen by two colleagues at once. Every test
// starts a chat of its own through the signed webhook; it is routed to Lerato (agent1).

const lerato = demoStaff.agent1;
const johan = demoStaff.agent2;
const sam = demoStaff.supervisor;

type AsStaff = (person: DemoPerson) => Promise<Page>;

test.describe.configure({ timeout: 60_000 });

/** The panel beside the open conversation. */
const panel = (page: Page) => page.getByRole('complementary', { name: 'Customer context' });

const openTab = async (page: Page, name: 'Profile' | 'Notes' | 'History' | 'Comments') => {
  const tab = panel(page).getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
};

const profileForm = (page: Page) => panel(page).getByRole('form', { name: 'Edit profile' });

const commentField = (page: Page) =>
  panel(page).getByRole('textbox', { name: 'Comment for staff' });

const commentLog = (page: Page) => panel(page).getByRole('log', { name: 'Comments, oldest first' });

const notesList = (page: Page) => panel(page).getByRole('list', { name: 'Notes, newest first' });

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, \d+ unread$/ });

/** Lerato, available and online, with a new customer's chat (routed to her) open. */
async function leratoWithNewChat(asStaff: AsStaff, customer: WebhookCustomer) {
  const desk = await asStaff(lerato);
  await becomeAvailable(desk, lerato);
  const { chatId } = await customer.write(unique('Hello, I need help with my account.'));
  await chatRow(desk, 'Live', customer.name).click();
  await expect(conversation(desk, customer.name)).toBeVisible();
  await expect(panel(desk).getByRole('heading', { level: 2, name: customer.name })).toBeVisible();
  return { desk, chatId };
}

/** The supervisor with the same chat open, from the Supervisor desk's table of every chat. */
async function supervisorWatching(asStaff: AsStaff, customer: WebhookCustomer) {
  const page = await asStaff(sam);
  await view(page, 'Supervisor').click();
  await page.getByRole('table').getByRole('row').filter({ hasText: customer.name }).click();
  await expect(conversation(page, customer.name)).toBeVisible();
  await expect(panel(page).getByRole('heading', { level: 2, name: customer.name })).toBeVisible();
  return page;
}

/** Johan signed in and online but not available, so new chats are not routed to him. */
async function johanOnline(asStaff: AsStaff) {
  const page = await asStaff(johan);
  await setAvailable(page, false);
  await expectOnline(page, johan);
  return page;
}

/** Opens the bell and closes it again: whatever was unread is read. */
async function readAllNotifications(page: Page) {
  await bell(page).click();
  const dialog = page.getByRole('dialog', { name: 'Notifications' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Notifications, 0 unread' })).toBeVisible();
}

/** Adds a comment tagging a colleague picked from the @ list; it shows in the comments log. */
async function tagInComment(page: Page, person: DemoPerson, before: string, after: string) {
  await openTab(page, 'Comments');
  const field = commentField(page);
  await field.click();
  await field.pressSequentially(`${before} @${person.name.slice(0, 3)}`);
  const listbox = panel(page).getByRole('listbox', { name: 'Colleagues online now' });
  await listbox.getByRole('option', { name: new RegExp(person.name) }).click();
  await expect(field).toHaveValue(`${before} @${person.name} `);
  await field.pressSequentially(after);
  await field.press('Enter');
  await expect(field).toHaveValue('');
  const comment = commentLog(page)
    .getByRole('listitem')
    .filter({ hasText: `@${person.name} ${after}` });
  await expect(comment).toBeVisible();
  return comment;
}

/** Johan, tagged into the chat by Lerato, opens it from his Tagged list. */
async function johanOpensFromTagged(page: Page, customer: WebhookCustomer) {
  await view(page, 'Tagged').click();
  await chatRow(page, 'Tagged', customer.name).click();
  await expect(conversation(page, customer.name)).toBeVisible();
}

test.describe('customer context panel', () => {
  test('a profile edit reaches a colleague viewing the same customer without a reload', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const { desk } = await leratoWithNewChat(asStaff, customer);
    const watcher = await supervisorWatching(asStaff, customer);
    const company = unique('Karoo Freight');
    const name = `${customer.name} Renamed`;

    await panel(desk).getByRole('button', { name: 'Edit profile' }).click();
    const form = profileForm(desk);
    await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Company', { exact: true }).fill(company);
    await form.getByRole('button', { name: 'Save' }).click();

    await expect(form).toBeHidden();
    await expect(panel(desk).getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(panel(desk).getByText(company, { exact: true })).toBeVisible();

    // The supervisor's panel follows over the customer's room.
    await expect(panel(watcher).getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(panel(watcher).getByText(company, { exact: true })).toBeVisible();
  });

  test('a stale save shows theirs beside yours; choosing and saving again saves', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const { desk } = await leratoWithNewChat(asStaff, customer);
    const watcher = await supervisorWatching(asStaff, customer);
    const theirs = unique('Theirs Ltd');
    const mine = unique('Mine Ltd');

    await panel(desk).getByRole('button', { name: 'Edit profile' }).click();
    await panel(watcher).getByRole('button', { name: 'Edit profile' }).click();
    await profileForm(watcher).getByLabel('Company', { exact: true }).fill(mine);

    await profileForm(desk).getByLabel('Company', { exact: true }).fill(theirs);
    await profileForm(desk).getByRole('button', { name: 'Save' }).click();
    await expect(profileForm(desk)).toBeHidden();
    await expect(panel(desk).getByText(theirs, { exact: true })).toBeVisible();

    // The open form hears of the newer version and says so, keeping what was typed.
    await expect(
      profileForm(watcher).getByText('Someone else saved this profile while you were editing.'),
    ).toBeVisible();
    await expect(profileForm(watcher).getByLabel('Company', { exact: true })).toHaveValue(mine);

    // Saving on top of the old version is refused: the conflict view shows both values.
    await profileForm(watcher).getByRole('button', { name: 'Save' }).click();
    const conflict = panel(watcher).getByRole('region', {
      name: 'Someone else changed this profile',
    });
    await expect(conflict).toBeVisible();
    const field = conflict.getByRole('group', { name: 'Company' });
    await expect(field).toContainText(`Theirs (saved)${theirs}`);
    await expect(field).toContainText(`Yours (unsaved)${mine}`);
    const saveAgain = conflict.getByRole('button', { name: 'Save again' });
    await expect(saveAgain).toBeDisabled();

    const keepYours = field.getByRole('button', { name: 'Keep yours for Company' });
    await keepYours.click();
    await expect(keepYours).toHaveAttribute('aria-pressed', 'true');
    await saveAgain.click();

    await expect(conflict).toBeHidden();
    await expect(panel(watcher).getByText(mine, { exact: true })).toBeVisible();
    await expect(panel(watcher).getByRole('button', { name: 'Edit profile' })).toBeVisible();
    await expect(panel(desk).getByText(mine, { exact: true })).toBeVisible();
    await expect(panel(desk).getByText(theirs, { exact: true })).toHaveCount(0);
  });

  test('a note with a Jira key reaches a tagged colleague live; only its author can delete it', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const helper = await johanOnline(asStaff);
    const { desk } = await leratoWithNewChat(asStaff, customer);
    await expectOnline(desk, johan);
    await tagInComment(desk, johan, 'Hi', 'please keep an eye on this one.');
    await johanOpensFromTagged(helper, customer);
    await openTab(helper, 'Notes');
    await expect(panel(helper).getByText('No notes yet.')).toBeVisible();

    await openTab(desk, 'Notes');
    const body = unique('Refund is waiting on the finance team.');
    const newNote = panel(desk).getByRole('form', { name: 'New note' });
    await newNote.getByRole('textbox', { name: 'Add a note' }).fill(body);
    await newNote
      .getByRole('textbox', { name: 'Link, Jira key or ticket number' })
      .fill('SUP-1234');
    await newNote.getByRole('button', { name: 'Add' }).click();
    await expect(newNote.getByRole('textbox', { name: 'Add a note' })).toHaveValue('');

    const mine = notesList(desk).getByRole('listitem').filter({ hasText: body });
    await expect(mine).toBeVisible();
    await expect(mine.getByTitle('Jira issue')).toHaveText('SUP-1234');

    // Johan's Notes tab follows without a reload, with the key shown.
    const theirs = notesList(helper).getByRole('listitem').filter({ hasText: body });
    await expect(theirs).toBeVisible();
    await expect(theirs).toContainText('Lerato Mokoena');
    await expect(theirs.getByTitle('Jira issue')).toHaveText('SUP-1234');

    // Johan is not its author: no delete control, even on hover.
    await theirs.hover();
    await expect(theirs.getByRole('button', { name: 'Delete note' })).toHaveCount(0);

    // Lerato's delete control shows on hover, and deleting asks first.
    await mine.hover();
    const remove = mine.getByRole('button', { name: 'Delete note' });
    await expect(remove).toBeVisible();
    await remove.click();
    const confirm = mine.getByRole('group', { name: 'Confirm delete' });
    await expect(confirm).toContainText('Delete for everyone?');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();

    await expect(mine).toHaveCount(0);
    await expect(theirs).toHaveCount(0);
  });

  test('a tagged colleague watches the chat, comments, and loses it when the chat closes', async ({
    asStaff,
    newCustomer,
  }) => {
    const customer = newCustomer();
    const helper = await johanOnline(asStaff);
    await readAllNotifications(helper);
    const { desk } = await leratoWithNewChat(asStaff, customer);
    await expectOnline(desk, johan);

    await tagInComment(desk, johan, 'Hi', 'can you check the courier?');
    await expect(helper.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();

    await johanOpensFromTagged(helper, customer);
    // Watching: the customer is out of reach, with the reason where the composer would be.
    await expect(composer(helper, customer.name)).toHaveCount(0);
    await expect(conversation(helper, customer.name)).toContainText(
      'You are watching Lerato Mokoena’s chat. Comment in the Comments tab.',
    );

    // A new message from the customer shows in Johan's conversation live.
    const later = unique('It still has not arrived.');
    await customer.write(later);
    await expect(messages(helper, customer.name).getByText(later, { exact: true })).toBeVisible();

    // Johan answers in the comments; Lerato sees it live.
    await openTab(helper, 'Comments');
    await expect(commentLog(helper)).toContainText('can you check the courier?');
    const reply = unique('The courier says Tuesday.');
    await commentField(helper).fill(reply);
    await commentField(helper).press('Enter');
    await expect(commentField(helper)).toHaveValue('');
    await expect(commentLog(helper).getByText(reply)).toBeVisible();
    await expect(commentLog(desk).getByText(reply)).toBeVisible();

    // Lerato closes the chat through the wrap-up.
    await conversation(desk, customer.name).getByRole('button', { name: 'Close…' }).click();
    const wrapUp = desk.getByRole('dialog', { name: `Close the chat with ${customer.name}` });
    await wrapUp.getByRole('button', { name: 'Close chat' }).click();
    await expect(wrapUp).toBeHidden();

    // The Comments tab is no longer offered; the panel says why and falls back to Profile.
    const ended = 'Comments end with the chat. Notes and history stay.';
    await expect(panel(desk).getByText(ended)).toBeVisible();
    await expect(panel(desk).getByRole('tab', { name: 'Comments', exact: true })).toHaveCount(0);
    await expect(panel(desk).getByRole('tab', { name: 'Profile', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(commentLog(desk)).toHaveCount(0);
    await expect(commentLog(helper)).toHaveCount(0);
    await expect(chatRow(helper, 'Tagged', customer.name)).toHaveCount(0);
  });
});
