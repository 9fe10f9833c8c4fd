import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attachments, chats, customers, messages } from '../../db/schema.ts';
import { emptyDatabase, makeChannel, uniquePhone } from '../../test/harness.ts';
import { diskFileStore } from './file-store.ts';
import { sweepUnsentUploads, UNSENT_UPLOAD_MS } from './files.housekeeping.ts';

// A database of its own: the sweep removes every old unsent upload it can see.
const database = await emptyDatabase();
const db = database.db;
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-sweep-test-'));
const files = diskFileStore(root);
afterAll(async () => {
  await database.close();
  await fs.rm(root, { recursive: true, force: true });
});

async function chatWithMessage() {
  const { channel } = await makeChannel(db, { kind: 'webhook' });
  const [customer] = await db.insert(customers).values({ phone: uniquePhone() }).returning();
  const [chat] = await db
    .insert(chats)
    .values({
      customerId: customer!.id,
      channelId: channel.id,
      departmentId: channel.departmentId,
      status: 'live',
    })
    .returning();
  const [message] = await db
    .insert(messages)
    .values({
      chatId: chat!.id,
      channelId: channel.id,
      direction: 'out',
      text: 'file',
      authorKind: 'staff',
      status: 'sent',
    })
    .returning();
  return { chatId: chat!.id, messageId: message!.id };
}

async function upload(chatId: string, ageMs: number, messageId: string | null = null) {
  const key = `files/${crypto.randomUUID()}`;
  await files.put(key, new TextEncoder().encode('bytes'), 'text/plain');
  await files.put(`${key}.thumbnail.webp`, new TextEncoder().encode('thumb'), 'image/webp');
  const [row] = await db
    .insert(attachments)
    .values({
      chatId,
      messageId,
      name: 'a.txt',
      contentType: 'text/plain',
      state: 'ready',
      storageKey: key,
      thumbnailKey: `${key}.thumbnail.webp`,
      createdAt: new Date(Date.now() - ageMs),
    })
    .returning();
  return { id: row!.id, key };
}

describe('the unsent uploads sweep', () => {
  it('removes uploads never sent after a day, with their bytes, and keeps the rest', async () => {
    const { chatId, messageId } = await chatWithMessage();
    const abandoned = await upload(chatId, UNSENT_UPLOAD_MS + 60_000);
    const fresh = await upload(chatId, 60_000);
    const sent = await upload(chatId, UNSENT_UPLOAD_MS * 3, messageId);

    expect(await sweepUnsentUploads(db, files)).toBe(1);

    const left = await db
      .select({ id: attachments.id })
      .from(attachments)
      .where(inArray(attachments.id, [abandoned.id, fresh.id, sent.id]));
    expect(left.map((r) => r.id).sort()).toEqual([fresh.id, sent.id].sort());
    expect(await files.get(abandoned.key)).toBeUndefined();
    expect(await files.get(`${abandoned.key}.thumbnail.webp`)).toBeUndefined();
    for (const kept of [fresh.key, sent.key]) {
      const file = await files.get(kept);
      expect(file?.size).toBe(5);
      file?.body.destroy();
    }
    expect(await sweepUnsentUploads(db, files)).toBe(0);
    expect(
      (await db.select().from(attachments).where(eq(attachments.id, sent.id)))[0]?.messageId,
    ).toBe(messageId);
  });
});
