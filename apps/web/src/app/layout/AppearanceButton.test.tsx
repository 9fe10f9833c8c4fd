import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TooltipProvider } from '../../ui/Tooltip.tsx';
import { applyAppearance, storedAppearance } from '../appearance.ts';
import { AppearanceButton } from './AppearanceButton.tsx';

afterEach(() => applyAppearance('system'));

const renderButton = () =>
  render(
    <TooltipProvider>
      <AppearanceButton />
    </TooltipProvider>,
  );

describe('AppearanceButton', () => {
  it('steps from the system’s choice to light, dark and back, and keeps the choice', () => {
    renderButton();
    const root = document.documentElement;
    expect(root.dataset.theme).toBeUndefined();

    fireEvent.click(screen.getByRole('button', { name: /^Appearance: Same as the system\./ }));
    expect(root.dataset.theme).toBe('light');
    expect(storedAppearance()).toBe('light');

    fireEvent.click(screen.getByRole('button', { name: 'Appearance: Light. Switch to dark' }));
    expect(root.dataset.theme).toBe('dark');
    expect(storedAppearance()).toBe('dark');

    fireEvent.click(screen.getByRole('button', { name: /^Appearance: Dark\./ }));
    expect(root.dataset.theme).toBeUndefined();
    expect(storedAppearance()).toBe('system');
  });

  it('starts from what this browser kept', () => {
    applyAppearance('dark');
    renderButton();
    expect(screen.getByRole('button', { name: /^Appearance: Dark\./ })).toBeTruthy();
  });
});
