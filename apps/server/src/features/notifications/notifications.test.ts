import { beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, signIn, testApp, type TestApp } from '../../test/harness.ts';
import { listenForSockets, type SocketOpener } from '../../test/listening.ts';
import { transact } from '../../realtime/frames.ts';
import { notify } from './index.ts';

let t: TestApp;
let connect: SocketOpener;
beforeAll(async () => {
  t = await testApp();
  connect = await listenForSockets(t.app);
});

const deps = () => ({ db: t.db, notifier: { wake: () => t.app.hub.wake() } });

describe('the bell', () => {
  it('rings every tab of its owner, and reading it on one zeroes the count on all', async () => {
    const me = await makeStaff(t.db, { name: 'Bell Owner' });
    const other = await makeStaff(t.db);
    const cookie = await signIn(t.app, me.email);
    const otherCookie = await signIn(t.app, other.email);
    const tabs = [connect({ cookie }), connect({ cookie })];
    const bystander = connect({ cookie: otherCookie });
    for (const socket of [...tabs, bystander]) {
      await socket.opened;
      await socket.next((f) => f.type === 'hello');
    }

    const rung = await transact(deps(), (tx, emit) =>
      notify(tx, emit, {
        staffId: me.id,
        kind: 'reply_timeout',
        chatId: null,
        data: { why: 'test' },
      }),
    );
    for (const tab of tabs) {
      const frame = await tab.next((f) => f.type === 'notification.created');
      expect(frame.data).toMatchObject({ id: rung.id, kind: 'reply_timeout', readAt: null });
    }
    const list = await t.app.inject({ url: '/api/notifications', headers: { cookie } });
    expect(list.json()).toMatchObject({ unread: 1, items: [{ id: rung.id }] });

    const read = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: { cookie },
    });
    expect(read.statusCode).toBe(204);
    for (const tab of tabs) await tab.next((f) => f.type === 'notifications.read');
    const after = await t.app.inject({ url: '/api/notifications', headers: { cookie } });
    expect(after.json().unread).toBe(0);

    await bystander.settled();
    expect(
      bystander.frames.filter((f) => f.type.startsWith('notification')).map((f) => f.type),
    ).toEqual([]);
  });

  it('is for staff who are signed in', async () => {
    expect((await t.app.inject({ url: '/api/notifications' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/notifications/read' })).statusCode,
    ).toBe(401);
  });
});
