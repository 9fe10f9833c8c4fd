import {
  becomeAvailable,
  chatRow,
  composer,
  conversation,
  demoStaff,
  expect,
  test,
  unique,
  view,
} from './fixtures.ts';

// A pending chat whose customer writes again comes back live, and its agent is told at once.

const lerato = demoStaff.agent1;

test('a pending chat the customer writes to shows a notice that opens it', async ({
  asStaff,
  newCustomer,
}) => {
  const desk = await asStaff(lerato);
  await becomeAvailable(desk, lerato);
  const customer = newCustomer();
  const { chatId } = await customer.write(unique('Can you check my order?'));
  await chatRow(desk, 'Live', customer.name).click();

  const box = composer(desk, customer.name);
  await box.fill('Checking with the warehouse; I will come back to you.');
  await box.press('Enter');
  await expect(box).toHaveValue('');
  const pane = conversation(desk, customer.name);
  await pane.getByRole('button', { name: 'Mark pending' }).click();
  await expect(pane.getByRole('button', { name: 'Resume' })).toBeVisible();
  // Elsewhere on the desk meanwhile: the Closed view, where no list holds the chat.
  await view(desk, 'Closed').click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Closed' })).toBeVisible();

  await customer.write(unique('Any news?'));
  const notice = desk.getByRole('link', {
    name: `${customer.name} replied: the chat is live again`,
  });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(desk).toHaveURL(new RegExp(`/live/${chatId}$`));
  await expect(notice).toHaveCount(0);
});
