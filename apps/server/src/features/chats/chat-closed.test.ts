import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { announceChatClosed } from './chat-events.service.ts';

describe('closing a chat', () => {
  it('refuses to close in a process where no feature listens (nothing would purge its comments)', async () => {
    // This file builds no app, so nothing registered a hook: the close must fail, not go quietly.
    await expect(
      announceChatClosed({} as Db, async () => undefined, '00000000-0000-0000-0000-000000000000'),
    ).rejects.toThrow('No feature listens for closed chats');
  });
});
