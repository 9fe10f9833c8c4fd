import type { Message, WidgetMessage } from '@parley/contract';

/** How an unverified visitor's own lines are signed to them (never the profile's name). */
export const UNVERIFIED_AUTHOR = 'You';

/** The widget's view of a message: a staff author is their first name, and nothing else. */
export function toWidgetMessage(m: Message, clientId: string | null): WidgetMessage {
  return {
    id: m.id,
    chatId: m.chatId,
    direction: m.direction,
    text: m.text,
    author: {
      kind: m.author.kind,
      name: m.author.kind === 'staff' ? firstName(m.author.name) : m.author.name,
    },
    status: m.status,
    createdAt: m.createdAt,
    clientId: m.direction === 'in' ? clientId : null,
  };
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

/** Messages this session sent carry its clientId inside their provider id. */
export function clientIdOf(providerMessageId: string | null, sessionId: string): string | null {
  const prefix = `widget:${sessionId}:`;
  return providerMessageId?.startsWith(prefix) ? providerMessageId.slice(prefix.length) : null;
}
