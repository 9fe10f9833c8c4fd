import { EPHEMERAL_SEQ, type Message, type ServerFrameMap } from '@parley/contract';
import type { WebSocket } from 'ws';
import { firstName, toWidgetMessage, UNVERIFIED_AUTHOR } from './widget-message.ts';

/** Frames a widget may hear as they are: the connection's own bookkeeping. */
const CONTROL = new Set(['hello', 'resync', 'error', 'pong']);
const MESSAGES = new Set(['message.created', 'message.updated']);

/**
 * Wraps a customer's socket so that, whatever its rooms carry and whatever a resume replays, it
 * only ever sends message frames said since the session began, in the widget's shape (a staff
 * author's first name, no staff ids). The room already holds only customer-visible messages;
 * this makes "a new session never reads the earlier conversation" hold for replays too.
 */
export function guardWidgetSocket(
  socket: WebSocket,
  since: Date,
  verified: boolean,
  channelId: string,
): WebSocket {
  const sinceMs = since.getTime();
  let helloSeq = Number.POSITIVE_INFINITY;
  const send = (data: unknown) => {
    const frame = JSON.parse(String(data)) as { seq: number; type: string; data: unknown };
    if (frame.type === 'hello') helloSeq = frame.seq;
    if (CONTROL.has(frame.type)) return socket.send(JSON.stringify(frame));
    if (frame.type === 'typing') {
      // Ephemeral (never replayed): only the agent's reply typing, by first name, nothing else.
      const typing = frame.data as ServerFrameMap['typing'];
      if (typing.who.kind !== 'staff' || typing.comment) return;
      const who = typing.who.name
        ? { kind: 'staff', name: firstName(typing.who.name) }
        : { kind: 'staff' };
      const data = { chatId: typing.chatId, who, comment: false, until: typing.until };
      return socket.send(JSON.stringify({ seq: EPHEMERAL_SEQ, type: 'typing', data }));
    }
    // A chat's customer-safe state (widget-state.service.ts) carries no time to check against the
    // session's start, so none is replayed: a resumed widget asks for its state instead.
    if (frame.type === 'widget.chat') {
      if (frame.seq > helloSeq) socket.send(JSON.stringify(frame));
      return;
    }
    if (frame.type === 'chat.ended') {
      const ended = frame.data as { at: string };
      if (Date.parse(ended.at) >= sinceMs) socket.send(JSON.stringify(frame));
      return;
    }
    if (!MESSAGES.has(frame.type)) return;
    let message = frame.data as Message;
    if (Date.parse(message.createdAt) < sinceMs) return;
    // The profile's name belongs to the number's owner, who may not be this visitor.
    if (!verified && message.author.kind === 'customer')
      message = { ...message, author: { kind: 'customer', name: UNVERIFIED_AUTHOR } };
    socket.send(JSON.stringify({ ...frame, data: toWidgetMessage(message, null, channelId) }));
  };
  return new Proxy(socket, {
    get(target, prop) {
      if (prop === 'send') return send;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
