import { useCallback, useEffect, useRef, useState } from 'react';
import { useRealtimeClient, useRealtimeFrame } from './useRealtime.ts';

/** While someone types, they are announced at most this often. */
export const TYPING_EVERY_MS = 3000;

/** Someone typing in a chat: the customer, or a colleague (never me). */
export type Typist = {
  key: string;
  kind: 'staff' | 'customer';
  name: string | null;
  until: number;
};

const keyOf = (kind: string, id: string | undefined) => `${kind}:${id ?? ''}`;

/**
 * Who is typing in this chat now: replies (`comment` false) or comments (true). Typing frames
 * are ephemeral: each holds until its `until`, is renewed by the next, and ends at once when the
 * typist's message or comment arrives.
 */
export function useTypists(chatId: string, comment: boolean, meId: string | undefined): Typist[] {
  const [typists, setTypists] = useState<Typist[]>([]);
  const drop = useCallback(
    (key: string) =>
      setTypists((list) =>
        list.some((t) => t.key === key) ? list.filter((t) => t.key !== key) : list,
      ),
    [],
  );

  useRealtimeFrame('typing', (data) => {
    if (data.chatId !== chatId || data.comment !== comment) return;
    if (data.who.kind === 'staff' && data.who.id === meId) return;
    const until = Date.parse(data.until) || Date.now() + 6000;
    const typist: Typist = {
      key: keyOf(data.who.kind, data.who.id),
      kind: data.who.kind,
      name: data.who.name ?? null,
      until,
    };
    setTypists((list) => [...list.filter((t) => t.key !== typist.key), typist]);
  });
  useRealtimeFrame('message.created', (message) => {
    if (comment || message.chatId !== chatId) return;
    if (message.author.kind === 'customer') drop(keyOf('customer', undefined));
    else if (message.author.kind === 'staff') drop(keyOf('staff', message.author.id));
  });
  useRealtimeFrame('comment.created', (created) => {
    if (comment && created.chatId === chatId && created.author)
      drop(keyOf('staff', created.author.id));
  });

  // The next to expire goes by itself.
  useEffect(() => {
    if (typists.length === 0) return;
    const next = Math.min(...typists.map((t) => t.until));
    const timer = setTimeout(
      () => setTypists((list) => list.filter((t) => t.until > Date.now())),
      Math.max(0, next - Date.now()) + 20,
    );
    return () => clearTimeout(timer);
  }, [typists]);

  return typists;
}

/** "Thandi is typing…", "Sam and Lerato are typing…", or '' for nobody. */
export function typingLine(typists: Typist[], customerName: string, what = ''): string {
  const names = typists.map((t) => (t.kind === 'customer' ? customerName : (t.name ?? 'Someone')));
  if (names.length === 0) return '';
  const who =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${who} ${names.length === 1 ? 'is' : 'are'} typing${what}…`;
}

/** Tells the chat's room I am typing (a reply, or a comment), at most every TYPING_EVERY_MS. */
export function useTypingSender(chatId: string, comment: boolean): () => void {
  const client = useRealtimeClient();
  const last = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (now - last.current < TYPING_EVERY_MS) return;
    last.current = now;
    client.send({ type: 'typing', chatId, comment });
  }, [client, chatId, comment]);
}
