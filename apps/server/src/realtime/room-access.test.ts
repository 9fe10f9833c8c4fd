import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../principal.ts';
import { createRoomAccess } from './room-access.ts';
import { roomPrefix, rooms } from './rooms.ts';

const staff = (staffId: string): StaffPrincipal => ({
  kind: 'staff',
  staffId,
  role: 'agent',
  departmentIds: [],
  sessionId: `session-${staffId}`,
  tokenId: undefined,
});

/** A registry where only `ana` may be in `chat:one`, counting how often it is asked. */
function chatAccess() {
  const access = createRoomAccess();
  const asked: string[] = [];
  access.registerRoom(roomPrefix.chat, async (principal, id) => {
    asked.push(`${principal.staffId}:${id}`);
    return principal.staffId === 'ana' && id === 'one';
  });
  access.registerAccessChange('chat.updated', (data) => {
    const chat = data as { id?: unknown; assignee?: string };
    return typeof chat.id === 'string'
      ? { room: rooms.chat(chat.id), key: String(chat.assignee) }
      : undefined;
  });
  return { access, asked };
}

const updated = (assignee: string) => ({ type: 'chat.updated', data: { id: 'one', assignee } });

describe('the room-access registry', () => {
  it('lets a principal into a room only when the prefix has an authoriser that agrees', async () => {
    const { access } = chatAccess();
    expect(await access.authorize(staff('ana'), rooms.chat('one'))).toBe(true);
    expect(await access.authorize(staff('ben'), rooms.chat('one'))).toBe(false);
    expect(await access.authorize(staff('ana'), 'ticket:one')).toBe(false);
    expect(await access.authorize(staff('ana'), 'chat')).toBe(false);
    expect(await access.authorize(undefined, rooms.chat('one'))).toBe(false);
  });

  it('drops a member the room refuses after an access change, and keeps the others', async () => {
    const { access } = chatAccess();
    const ana = { principal: staff('ana'), rooms: new Set([rooms.chat('one'), rooms.allStaff]) };
    const ben = { principal: staff('ben'), rooms: new Set([rooms.chat('one'), rooms.allStaff]) };
    const widget = { principal: undefined, rooms: new Set([rooms.chat('one')]) };
    await access.recheck(updated('ana'), [ana, ben, widget]);
    expect([...ana.rooms]).toEqual([rooms.chat('one'), rooms.allStaff]);
    expect([...ben.rooms]).toEqual([rooms.allStaff]);
    expect([...widget.rooms]).toEqual([]);
  });

  it('asks again only when the access key changed since the last frame of that room', async () => {
    const { access, asked } = chatAccess();
    const ana = { principal: staff('ana'), rooms: new Set([rooms.chat('one')]) };
    await access.recheck(updated('ana'), [ana]);
    await access.recheck(updated('ana'), [ana]);
    expect(asked).toEqual(['ana:one']);
    await access.recheck(updated('ben'), [ana]);
    expect(asked).toEqual(['ana:one', 'ana:one']);
  });

  it('leaves rooms alone for frames without a registered change or without a room', async () => {
    const { access, asked } = chatAccess();
    const ben = { principal: staff('ben'), rooms: new Set([rooms.chat('one')]) };
    await access.recheck({ type: 'message.created', data: { id: 'one' } }, [ben]);
    await access.recheck({ type: 'chat.updated', data: { id: 7 } }, [ben]);
    expect(asked).toEqual([]);
    expect([...ben.rooms]).toEqual([rooms.chat('one')]);
  });
});
