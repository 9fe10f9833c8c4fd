import { recordingSocket } from '../../test/socket.ts';
import { makeChannel, makeStaff, signIn, type TestApp } from '../../test/harness.ts';

export type AnyFrame = { seq: number; type: string; data: Record<string, unknown> };

let addressCounter = 0;
/** Each caller its own address, so the per-address limits only bite where a test wants them. */
export const nextAddress = () =>
  `10.88.${Math.floor(++addressCounter / 250) % 250}.${addressCounter % 250}`;

export const textIs = (text: string) => (f: AnyFrame) =>
  f.type === 'message.created' && f.data.text === text;

/** Widget and desk calls against one app that listens (the sockets need a port). */
export function widgetClient(t: TestApp) {
  const base = () => {
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('the app is not listening');
    return `127.0.0.1:${address.port}`;
  };

  /** A web-chat channel with an available, online agent in its department. */
  async function webchat(settings: Record<string, unknown> = {}) {
    const { channel, department } = await makeChannel(t.db, { kind: 'webchat', settings });
    const agent = await makeStaff(t.db, { departments: [department.name], name: 'Sam Dlamini' });
    const agentCookie = await signIn(t.app, agent.email);
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: { cookie: agentCookie },
      payload: { available: true },
    });
    await t.presence.connected(agent.id);
    return { channel, department, agent, agentCookie };
  }

  async function start(channelId: string, payload: Record<string, unknown>) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/widget/${channelId}/session`,
      payload,
      remoteAddress: nextAddress(),
    });
    const cookie = res.cookies.find((c) => c.name === 'parley_widget');
    return { res, cookie: cookie ? `parley_widget=${cookie.value}` : '' };
  }

  const get = (channelId: string, cookie: string) =>
    t.app.inject({ url: `/api/widget/${channelId}/messages`, headers: { cookie } });

  const send = (channelId: string, cookie: string, text: string, clientId: string, ip?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/widget/${channelId}/messages`,
      headers: { cookie },
      payload: { text, clientId },
      remoteAddress: ip ?? nextAddress(),
    });

  const post = (url: string, cookie: string, payload?: Record<string, unknown>, ip?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie },
      ...(payload ? { payload } : {}),
      remoteAddress: ip ?? nextAddress(),
    });

  const agentReply = (chatId: string, cookie: string, text: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/chats/${chatId}/messages`,
      headers: { cookie },
      payload: { text, clientId: `a-${Math.random().toString(36).slice(2)}` },
    });

  /** A widget socket that records every frame. */
  const connect = (channelId: string, cookie: string) =>
    recordingSocket<AnyFrame>(`ws://${base()}/api/widget/${channelId}/realtime`, {
      origin: `http://${base()}`,
      cookie,
    });

  return { webchat, start, get, send, post, agentReply, connect };
}
