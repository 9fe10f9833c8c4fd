import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { TooltipProvider } from '../../ui/Tooltip.tsx';
import { PanelButton, PanelDrawer, usePanelShortcut } from './PanelDrawer.tsx';

function Harness() {
  const [open, setOpen] = useState(false);
  usePanelShortcut(() => setOpen((was) => !was));
  return (
    <TooltipProvider>
      <label>
        Reply <textarea />
      </label>
      <div role="dialog" aria-label="Other dialog">
        <button type="button">Inside another dialog</button>
      </div>
      <PanelButton open={open} onToggle={() => setOpen((was) => !was)} />
      <PanelDrawer open={open} onOpenChange={setOpen}>
        <p>Profile of the customer</p>
      </PanelDrawer>
    </TooltipProvider>
  );
}

const drawer = () => screen.queryByRole('dialog', { name: 'Customer details' });
const button = () => screen.getByRole('button', { name: 'Customer details' });

describe('PanelDrawer', () => {
  it('opens from its button, closes on Esc and gives focus back to the button', async () => {
    render(<Harness />);
    expect(drawer()).toBeNull();
    // While the drawer is open the page behind it is hidden from the accessibility tree.
    const opener = button();
    opener.focus();
    fireEvent.click(opener);
    expect(drawer()?.textContent).toContain('Profile of the customer');
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => expect(drawer()?.contains(document.activeElement)).toBe(true));

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(drawer()).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
    expect(button().getAttribute('aria-expanded')).toBe('false');
  });

  it('toggles on i, but not while typing or inside another dialog', async () => {
    render(<Harness />);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Reply' }), { key: 'i' });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Inside another dialog' }), { key: 'i' });
    fireEvent.keyDown(document.body, { key: 'i', ctrlKey: true });
    expect(drawer()).toBeNull();

    fireEvent.keyDown(document.body, { key: 'i' });
    expect(drawer()).not.toBeNull();
    // Inside the drawer the same key closes it again.
    await waitFor(() => expect(drawer()?.contains(document.activeElement)).toBe(true));
    fireEvent.keyDown(document.activeElement!, { key: 'i' });
    await waitFor(() => expect(drawer()).toBeNull());
  });
});
