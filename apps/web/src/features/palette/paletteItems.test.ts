import { describe, expect, it, vi } from 'vitest';
import { buildChat, buildMe } from '../../test/fixtures.ts';
import { actionItems, chatItems, matches, paletteSections, viewItems } from './paletteItems.ts';

describe('palette items', () => {
  it('offers an agent the desk views only, a supervisor the Supervisor desk, an admin the Admin pages', () => {
    const labels = (role: 'agent' | 'supervisor' | 'admin') =>
      viewItems(buildMe({ role })).map((item) => item.label);
    expect(labels('agent')).toEqual(['Live', 'Queue', 'Pending', 'Tagged', 'Closed', 'Tickets']);
    expect(labels('supervisor')).toContain('Supervisor');
    expect(labels('supervisor')).not.toContain('Staff');
    expect(labels('admin')).toEqual(expect.arrayContaining(['Staff', 'Audit log']));
    expect(viewItems(buildMe({ role: 'admin' })).find((i) => i.label === 'Staff')!.href).toBe(
      '/admin/staff',
    );
  });

  it('opens a loaded chat in the view that listed it', () => {
    const chat = buildChat({ id: 'c-1' });
    expect(chatItems([{ chat, list: 'pending' }])[0]!.href).toBe('/pending/c-1');
    expect(chatItems([{ chat, list: 'all' }])[0]!.href).toBe('/live/c-1');
  });

  it('matches every typed word in any order, and numbers without their spaces', () => {
    const [item] = chatItems([{ chat: buildChat(), list: 'live' }]);
    expect(matches(item!, 'nkosi thandi')).toBe(true);
    expect(matches(item!, 'THAN')).toBe(true);
    expect(matches(item!, '821234')).toBe(true);
    expect(matches(item!, 'thandi zulu')).toBe(false);
  });

  it('puts the open chat’s actions first, keeping the disabled ones with their reason', () => {
    const actions = actionItems([
      { id: 'close', label: 'Close…', key: 'c', disabledReason: 'Flagged.', run: vi.fn() },
    ]);
    const sections = paletteSections('', {
      actions,
      chats: chatItems([{ chat: buildChat(), list: 'live' }]),
      customers: [],
      views: viewItems(buildMe()),
    });
    expect(sections.map((section) => section.heading)).toEqual(['This chat', 'Go to']);
    expect(sections[0]!.items[0]).toMatchObject({ label: 'Close…', disabledReason: 'Flagged.' });
  });

  it('shows chats only once something is typed, and nothing for what matches nothing', () => {
    const parts = {
      actions: [],
      chats: chatItems([{ chat: buildChat(), list: 'live' }]),
      customers: [],
      views: viewItems(buildMe()),
    };
    expect(paletteSections('thandi', parts).map((s) => s.heading)).toEqual(['Chats']);
    expect(paletteSections('zzz', parts)).toEqual([]);
  });
});
