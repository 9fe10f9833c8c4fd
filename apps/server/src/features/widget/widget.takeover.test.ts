import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chats, customers } from '../../db/schema.ts';
import { makeChannel, testApp, type TestApp, uniquePhone } from '../../test/harness.ts';
import { signPayload } from '../channels/index.ts';
import { signIdentity } from './widget-identity.ts';
import { type AnyFrame, textIs, widgetClient } from './widget.test-support.ts';

/*
 * Anyone can type anyone's number into the web chat. Before sessions were verified, doing so
 * joined the number owner's open chat: the visitor read the agent's replies to them live, and
 * could end their conversation. These tests play that visitor.
 */

let t: TestApp;
let w: ReturnType<typeof widgetClient>;
const SECRET = 'identity-secret-for-tests';

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  w = widgetClient(t);
});

/** "+27821234567" as a visitor might type it: "082 123 4567". */
const typedLocally = (e164: string) => `0${e164.slice(3, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;

const staffChat = (id: string, cookie: string) =>
  t.app.inject({ url: `/api/chats/${id}`, headers: { cookie } });

describe('someone types another customer’s number into the web chat', () => {
  it('gets a chat of their own: never the victim’s messages, replies, or the power to end it', async () => {
    const { channel, agentCookie } = await w.webchat({ identitySecret: SECRET });
    const phone = uniquePhone();
    const expires = Math.floor(Date.now() / 1000) + 600;
    const victim = await w.start(channel.id, {
      identity: { phone, name: 'Vuyo', expires, signature: signIdentity(SECRET, phone, expires) },
      // An older server ignored the identity; these let it start the same session.
      phone,
      name: 'Vuyo',
    });
    expect(victim.res.statusCode).toBe(201);
    const secret = 'My account number is 4455 6677';
    const { chatId: victimChat } = (await w.send(channel.id, victim.cookie, secret, 'v-1')).json();
    await w.agentReply(victimChat, agentCookie, 'Thanks Vuyo, your balance is R 1 204.');

    const attacker = await w.start(channel.id, { phone: typedLocally(phone), name: 'Mallory' });
    expect(attacker.res.statusCode).toBe(201);
    expect(attacker.res.json()).toMatchObject({ chat: null, verified: false });
    const socket = w.connect(channel.id, attacker.cookie);
    await socket.opened;
    await socket.next((f) => f.type === 'hello');
    socket.ws.send(JSON.stringify({ type: 'resume', after: 0 }));

    const hello = (await w.send(channel.id, attacker.cookie, 'hi, any news?', 'm-1')).json();
    expect(hello.chatId).not.toBe(victimChat);
    // The agent goes on talking to the victim, and answers the visitor in their own chat.
    await w.agentReply(victimChat, agentCookie, 'Your new card ships today.');
    await w.agentReply(hello.chatId, agentCookie, 'Hello! Who am I speaking to?');
    await socket.next(textIs('Hello! Who am I speaking to?'));

    const list = (await w.get(channel.id, attacker.cookie)).json();
    expect(list.chat).toMatchObject({ id: hello.chatId, status: 'live' });
    expect(list.items.map((m: { text: string }) => m.text)).toEqual([
      'hi, any news?',
      "You're chatting with Sam.",
      'Hello! Who am I speaking to?',
    ]);
    // The profile's name is the victim's: the visitor is not shown it.
    expect(JSON.stringify(list)).not.toContain('Vuyo');
    const heard = JSON.stringify(socket.frames);
    for (const text of [secret, 'R 1 204', 'Your new card ships today.', 'Vuyo'])
      expect(heard).not.toContain(text);
    // Every frame is about the visitor's own chat (a state frame names it by `id`).
    const about = (f: AnyFrame) => (f.type === 'widget.chat' ? f.data.id : f.data.chatId);
    expect(socket.frames.every((f) => f.type === 'hello' || about(f) === hello.chatId)).toBe(true);

    // Ending ends the visitor's own chat only; //stop opts nobody out.
    await w.send(channel.id, attacker.cookie, '//stop', 'm-2');
    expect((await w.post(`/api/widget/${channel.id}/end`, attacker.cookie)).statusCode).toBe(204);
    const [mine] = await t.db.select().from(chats).where(eq(chats.id, hello.chatId));
    const [theirs] = await t.db.select().from(chats).where(eq(chats.id, victimChat));
    expect(mine?.status).toBe('closed');
    expect(theirs?.status).toBe('live');
    const [profile] = await t.db.select().from(customers).where(eq(customers.phone, phone));
    expect(profile?.optedOutAt).toBeNull();
    expect(profile?.name).toBe('Vuyo');

    // Staff see which chat comes from an unproved number, on the same customer's profile.
    const a = (await staffChat(hello.chatId, agentCookie)).json();
    const v = (await staffChat(victimChat, agentCookie)).json();
    expect(a).toMatchObject({ unverified: true, customer: { phone } });
    expect(v).toMatchObject({ unverified: false, customer: { phone } });
  });

  it('never lands the real customer’s messages, from the widget or a webhook, in the visitor’s chat', async () => {
    const { channel } = await w.webchat({ identitySecret: SECRET });
    const hook = await makeChannel(t.db, { kind: 'webhook', secret: 'hook-secret' });
    const phone = uniquePhone();
    const inbound = async (text: string) => {
      const raw = JSON.stringify({ messageId: `m-${Math.random()}`, from: phone, text });
      const timestamp = Math.floor(Date.now() / 1000);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/inbound/${hook.channel.id}`,
        headers: {
          'content-type': 'application/json',
          'x-parley-timestamp': String(timestamp),
          'x-parley-signature': signPayload('hook-secret', raw, timestamp),
        },
        payload: raw,
      });
      expect(res.statusCode).toBe(200);
      return res.json().chatId as string;
    };
    // The visitor comes first this time, so theirs is the only open chat on the web chat.
    const attacker = await w.start(channel.id, { phone: typedLocally(phone), name: 'Mallory' });
    const socket = w.connect(channel.id, attacker.cookie);
    await socket.opened;
    const own = (await w.send(channel.id, attacker.cookie, 'it is me, honest', 'x-1')).json();
    await socket.next(textIs('it is me, honest'));

    const expires = Math.floor(Date.now() / 1000) + 600;
    const real = await w.start(channel.id, {
      identity: { phone, expires, signature: signIdentity(SECRET, phone, expires) },
    });
    expect(real.res.json()).toMatchObject({ verified: true, chat: null });
    const theirs = (await w.send(channel.id, real.cookie, 'This is the real me', 'r-1')).json();
    expect(theirs.chatId).not.toBe(own.chatId);
    const byPhone = await inbound('Still me, on my phone');
    expect(byPhone).not.toBe(own.chatId);

    const items = (await w.get(channel.id, attacker.cookie)).json().items;
    expect(items.map((m: { text: string }) => m.text)).toEqual([
      'it is me, honest',
      "You're chatting with Sam.",
    ]);
    await w.send(channel.id, attacker.cookie, 'hello?', 'x-2');
    await socket.next(textIs('hello?'));
    expect(JSON.stringify(socket.frames)).not.toMatch(/real me|on my phone/);
  });
});
