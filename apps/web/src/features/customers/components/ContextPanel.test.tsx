import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../../test/fixtures.ts';
import { ContextPanel } from './ContextPanel.tsx';

const selected = () => screen.getByRole('tab', { selected: true }).textContent;

describe('ContextPanel', () => {
  it('starts on Profile with an empty state that says what will appear', () => {
    render(<ContextPanel chatId={null} me={buildMe()} />);
    expect(selected()).toBe('Profile');
    expect(screen.getByText("Select a chat to see the customer's profile.")).toBeTruthy();
  });

  it('switches tabs with keys 1–4', () => {
    render(<ContextPanel chatId={null} me={buildMe()} />);
    fireEvent.keyDown(document.body, { key: '2' });
    expect(selected()).toBe('Notes');
    fireEvent.keyDown(document.body, { key: '4' });
    expect(selected()).toBe('Comments');
    expect(screen.getByText('Select a live chat to see its comments.')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: '5' });
    expect(selected()).toBe('Comments');
    fireEvent.keyDown(document.body, { key: '1' });
    expect(selected()).toBe('Profile');
  });

  it('leaves digits alone while typing in a field or with a modifier held', () => {
    render(
      <>
        <input aria-label="Reply" />
        <ContextPanel chatId={null} me={buildMe()} />
      </>,
    );
    fireEvent.keyDown(screen.getByLabelText('Reply'), { key: '3' });
    expect(selected()).toBe('Profile');
    fireEvent.keyDown(document.body, { key: '3', ctrlKey: true });
    expect(selected()).toBe('Profile');
  });
});
