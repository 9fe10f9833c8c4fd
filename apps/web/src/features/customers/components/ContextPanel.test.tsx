import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../../test/fixtures.ts';
import { json } from '../../../test/http.ts';
import { renderWithRealtime } from '../../../test/realtime.tsx';
import { buildComment, online } from '../../comments/testFixtures.ts';
import { ContextPanel } from './ContextPanel.tsx';
import { renderPanel } from './panelTestSetup.tsx';

const selected = () => screen.getByRole('tab', { selected: true }).textContent;

describe('ContextPanel', () => {
  it('starts on Profile with an empty state that says what will appear', () => {
    renderWithRealtime(<ContextPanel chatId={null} me={buildMe()} />);
    expect(selected()).toBe('Profile');
    expect(screen.getByText("Select a chat to see the customer's profile.")).toBeTruthy();
  });

  it('switches tabs with keys 1–4', () => {
    renderWithRealtime(<ContextPanel chatId={null} me={buildMe()} />);
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
    renderWithRealtime(
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

  it('offers no Comments tab on a closed chat, says why, and key 4 falls back to Profile', async () => {
    renderPanel({ chat: { status: 'closed' } });
    await screen.findByText('Comments end with the chat. Notes and history stay.');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'Profile',
      'Notes',
      'History',
    ]);
    fireEvent.keyDown(document.body, { key: '3' });
    expect(selected()).toBe('History');
    fireEvent.keyDown(document.body, { key: '4' });
    expect(selected()).toBe('Profile');
  });

  it('opens a mention’s link on the Comments tab with its comment in view, focused and current', async () => {
    const tagged = buildComment({ id: 'comment-tagged', body: 'Please check the refund' });
    window.history.replaceState(null, '', '/tagged/chat-1?comment=comment-tagged');
    renderPanel({
      routes: [
        {
          path: '/api/chats/chat-1/comments',
          reply: () => json({ items: [buildComment(), tagged, buildComment()] }),
        },
        { path: '/api/staff?online=true', reply: () => json({ items: online }) },
      ],
    });
    const comment = (await screen.findByText('Please check the refund')).closest('li')!;
    expect(selected()).toBe('Comments');
    expect(comment.getAttribute('aria-current')).toBe('true');
    expect(comment.className).toContain('comment--linked');
    await waitFor(() => expect(document.activeElement).toBe(comment));
  });

  it('says calmly that a linked comment ended with its closed chat, on Profile', async () => {
    window.history.replaceState(null, '', '/tagged/chat-1?comment=comment-gone');
    renderPanel({ chat: { status: 'closed' } });
    expect(
      (
        await screen.findByText(
          'The comment you were tagged in ended with the chat. Notes and history stay.',
        )
      ).getAttribute('role'),
    ).toBe('status');
    expect(selected()).toBe('Profile');
    expect(screen.queryByRole('tab', { name: 'Comments' })).toBeNull();
  });
});
