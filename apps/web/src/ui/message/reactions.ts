import type { MessageContent, Reaction } from '@parley/contract';

type Reactable = {
  id: string | null;
  content: MessageContent | null;
  reactions: Reaction[];
  createdAt: string;
};

export type FoldedReactions = {
  /** Reaction messages shown as badges on their target instead of on their own. */
  hidden: Set<string>;
  /** Each message's badges: the side's latest reaction, whether or not the server folded it. */
  badges: Map<string, Reaction[]>;
};

/**
 * Puts reactions on the messages they are about. A reaction whose target is in the list shows as
 * a badge there (the customer's latest; an empty emoji takes it back); one whose target is not
 * loaded stays a message of its own, so nothing the customer did is lost from view.
 */
export function foldReactions(messages: readonly Reactable[]): FoldedReactions {
  const ids = new Set(messages.flatMap((m) => (m.id ? [m.id] : [])));
  const hidden = new Set<string>();
  const latest = new Map<string, { at: string; reaction: Reaction | null }>();
  for (const message of messages) {
    const content = message.content;
    if (content?.kind !== 'reaction' || !message.id) continue;
    if (!content.messageId || !ids.has(content.messageId)) continue;
    hidden.add(message.id);
    const at = message.createdAt;
    latest.set(content.messageId, {
      at,
      reaction: content.emoji ? { emoji: content.emoji, by: 'customer', at } : null,
    });
  }
  const badges = new Map<string, Reaction[]>();
  for (const message of messages) {
    if (!message.id) continue;
    const own = message.reactions;
    const folded = latest.get(message.id);
    // The server's record wins; a reaction message not yet folded into it is added.
    const list =
      folded === undefined || own.some((r) => r.by === 'customer' && r.at >= folded.at)
        ? own
        : [
            ...own.filter((r) => r.by !== 'customer'),
            ...(folded.reaction ? [folded.reaction] : []),
          ];
    if (list.length > 0) badges.set(message.id, list);
  }
  return { hidden, badges };
}
