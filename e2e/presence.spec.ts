import { availabilitySwitch, demoStaff, expect, setAvailable, teammate, test } from './fixtures.ts';

const lerato = demoStaff.agent1;

test.describe('presence', () => {
  test('a colleague sees availability changes and signing out without reloading', async ({
    asStaff,
  }) => {
    const agent1 = await asStaff(demoStaff.agent1);
    const agent2 = await asStaff(demoStaff.agent2);
    // Demo staff start unavailable, but an earlier test may have left Lerato available.
    await setAvailable(agent1, false);
    await expect(teammate(agent2, lerato.name, 'Away')).toBeVisible();

    await setAvailable(agent1, true);
    await expect(teammate(agent2, lerato.name, 'Available')).toBeVisible();

    await setAvailable(agent1, false);
    await expect(teammate(agent2, lerato.name, 'Away')).toBeVisible();

    await agent1.getByRole('button', { name: 'Sign out' }).click();
    await expect(agent1.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
    await expect(teammate(agent2, lerato.name, 'Offline')).toBeVisible();
  });

  test('one’s availability is kept across a reload', async ({ asStaff }) => {
    const agent1 = await asStaff(demoStaff.agent1);

    await setAvailable(agent1, true);
    await agent1.reload();
    await expect(availabilitySwitch(agent1)).toBeChecked();

    await setAvailable(agent1, false);
    await agent1.reload();
    await expect(availabilitySwitch(agent1)).toBeChecked({ checked: false });
  });
});
