import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages, realtimeFrames } from '../../db/schema.ts';
import { testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { HTML, multipartFile, PDF, PNG } from '../files/uploads.test-support.ts';
import { nextAddress, widgetClient } from './widget.test-support.ts';

let t: TestApp;
let w: ReturnType<typeof widgetClient>;
beforeAll(async () => {
  t = await testApp();
  w = widgetClient(t);
});

const upload = (channelId: string, cookie: string, name: string, type: string, bytes: Buffer) => {
  const body = multipartFile(name, type, bytes);
  return t.app.inject({
    method: 'POST',
    url: `/api/widget/${channelId}/attachments`,
    headers: { ...body.headers, ...(cookie ? { cookie } : {}) },
    payload: body.payload,
    remoteAddress: nextAddress(),
  });
};

const sendFiles = (channelId: string, cookie: string, files: string[], clientId: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/widget/${channelId}/messages`,
    headers: { cookie },
    payload: { attachments: files, clientId },
    remoteAddress: nextAddress(),
  });

describe('a visitor’s files', () => {
  it('starts a conversation with a photo: uploaded before any chat, sent once, seen by staff', async () => {
    const { channel } = await w.webchat();
    const { cookie } = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const limits = await t.app.inject({ url: `/api/widget/${channel.id}/attachments/limits` });
    expect(limits.json()).toMatchObject({
      maxBytes: 16 * 1024 * 1024,
      contentTypes: expect.arrayContaining(['image/png', 'application/pdf']),
    });

    const uploaded = await upload(channel.id, cookie, 'broken.png', 'image/png', PNG);
    expect(uploaded.statusCode).toBe(201);
    const { id } = uploaded.json();
    const [row] = await t.db.select().from(attachments).where(eq(attachments.id, id));
    expect(row).toMatchObject({ chatId: null, messageId: null, contentType: 'image/png' });

    const answers = await Promise.all([
      sendFiles(channel.id, cookie, [id], 'photo-1'),
      sendFiles(channel.id, cookie, [id], 'photo-1'),
    ]);
    for (const answer of answers) expect(answer.statusCode).toBe(200);
    const [first] = answers.map((a) => a.json());
    expect(first.message).toMatchObject({
      text: '📷 Photo',
      clientId: 'photo-1',
      content: { kind: 'image' },
      attachments: [{ id, name: 'broken.png', contentType: 'image/png' }],
    });
    const [sent] = await t.db.select().from(attachments).where(eq(attachments.id, id));
    expect(sent).toMatchObject({ chatId: first.chatId, messageId: first.message.id });
    const stored = await t.db.select().from(messages).where(eq(messages.chatId, first.chatId));
    expect(stored.filter((m) => m.direction === 'in')).toHaveLength(1);
    // Staff hear of it with the file, as of any message.
    const frames = await t.db
      .select({ data: realtimeFrames.data })
      .from(realtimeFrames)
      .where(
        sql`${realtimeFrames.type} = 'message.created' and ${realtimeFrames.data}->>'id' = ${first.message.id}`,
      );
    expect(frames[0]?.data).toMatchObject({ attachments: [{ id }] });

    // The same file cannot go twice.
    const again = await sendFiles(channel.id, cookie, [id], 'photo-2');
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([
      { field: 'attachments', message: `"${id}" is not a file you uploaded here` },
    ]);
  });

  it('keeps a file to the session that uploaded it: another visitor cannot send it', async () => {
    const { channel } = await w.webchat();
    const mine = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
    const theirs = await w.start(channel.id, { phone: uniquePhone(), name: 'Sipho' });
    const { id } = (
      await upload(channel.id, mine.cookie, 'invoice.pdf', 'application/pdf', PDF)
    ).json();
    const stolen = await sendFiles(channel.id, theirs.cookie, [id], 'steal-1');
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().errors).toEqual([
      { field: 'attachments', message: `"${id}" is not a file you uploaded here` },
    ]);
    const [row] = await t.db.select().from(attachments).where(eq(attachments.id, id));
    expect(row?.messageId).toBeNull();
    const own = await sendFiles(channel.id, mine.cookie, [id], 'mine-1');
    expect(own.statusCode).toBe(200);
    expect(own.json().message).toMatchObject({
      text: '📎 invoice.pdf',
      content: { kind: 'document' },
    });
  });

  it('refuses without a session (401), on a wrong channel (404), and HTML named .png (415)', async () => {
    const { channel } = await w.webchat();
    const { cookie } = await w.start(channel.id, { phone: uniquePhone(), name: 'Naledi' });
    expect((await upload(channel.id, '', 'a.png', 'image/png', PNG)).statusCode).toBe(401);
    expect((await upload('no-such-channel', cookie, 'a.png', 'image/png', PNG)).statusCode).toBe(
      404,
    );
    const html = await upload(channel.id, cookie, 'cat.png', 'image/png', HTML);
    expect(html.statusCode).toBe(415);
    const kept = await t.db.select().from(attachments).where(eq(attachments.name, 'cat.png'));
    expect(kept).toEqual([]);
  });
});
