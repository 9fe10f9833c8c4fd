import type { Chat, ChatView, CustomerSearchHit, Me } from '@parley/contract';
import { adminPageLinksFor } from '../admin/index.ts';
import { channelLabels, chatHref, customerLabel, statusLabels, viewsFor } from '../chats/index.ts';
import { resultHref } from '../search/index.ts';
import type { Command } from '../shortcuts/index.ts';

/** One line of the palette: where it goes (href) or what it does (run), and why not, if not. */
export type PaletteItem = {
  id: string;
  label: string;
  /** A quieter second part: the status, the channel, the kind of place. */
  detail?: string;
  /** The single key that does the same outside the palette. */
  shortcut?: string;
  /** Extra words it answers to besides its label (a number, an email). */
  keywords?: string[];
  href?: string;
  run?: () => void;
  disabledReason?: string | null;
};

export type PaletteSection = { heading: string; items: PaletteItem[] };

/** Every view and Admin page this person may open. */
export function viewItems(me: Me): PaletteItem[] {
  return [
    ...viewsFor(me.role).map((view) => ({
      id: `view:${view.id}`,
      label: view.label,
      detail: 'View',
      href: view.path,
    })),
    ...adminPageLinksFor(me.role).map((page) => ({
      id: `admin:${page.path}`,
      label: page.label,
      detail: 'Admin',
      keywords: ['admin'],
      href: `/admin/${page.path}`,
    })),
  ];
}

/** The open chat's commands, each with its key; the ones that may not run say why. */
export function actionItems(commands: readonly Command[]): PaletteItem[] {
  return commands.map((command) => ({
    id: `action:${command.id}`,
    label: command.label,
    shortcut: command.key,
    run: command.run,
    disabledReason: command.disabledReason,
  }));
}

/** The chats already loaded in the desk's lists. */
export function chatItems(chats: { chat: Chat; list: ChatView }[]): PaletteItem[] {
  return chats.map(({ chat, list }) => ({
    id: `chat:${chat.id}`,
    label: customerLabel(chat.customer),
    detail: `${statusLabels[chat.status]} · ${channelLabels[chat.channel.kind].long}`,
    keywords: [chat.customer.phone],
    href: chatHref(chat, list),
  }));
}

/** Customers the server found, opening on their latest conversation this person may open. */
export function customerItems(hits: CustomerSearchHit[]): PaletteItem[] {
  return hits.map((hit) => {
    const href = resultHref(hit);
    return {
      id: `customer:${hit.id}`,
      label: customerLabel(hit.customer),
      detail: hit.lastConversation
        ? `Customer · ${statusLabels[hit.lastConversation.status]}`
        : 'Customer',
      href: href ?? undefined,
      disabledReason: href ? null : 'No conversation you can open',
    };
  });
}

const normalise = (text: string) => text.toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/** Whether every word typed appears in the item's label or keywords, in any order. */
export function matches(item: PaletteItem, query: string): boolean {
  const words = normalise(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise([item.label, item.detail ?? '', ...(item.keywords ?? [])].join(' '));
  const digits = haystack.replace(/\D/g, '');
  return words.every(
    (word) =>
      haystack.includes(word) || (/^\+?\d+$/.test(word) && digits.includes(word.replace('+', ''))),
  );
}

/**
 * The palette's sections for what was typed: the open chat's actions first, then chats the desk
 * has loaded, customers the server found (not already listed as a chat), and the views.
 */
export function paletteSections(
  query: string,
  parts: {
    actions: PaletteItem[];
    chats: PaletteItem[];
    customers: PaletteItem[];
    views: PaletteItem[];
  },
  limit = 6,
): PaletteSection[] {
  const pick = (items: PaletteItem[]) => items.filter((item) => matches(item, query));
  const chats = query.trim() ? pick(parts.chats).slice(0, limit) : [];
  const shownHrefs = new Set(chats.map((chat) => chat.href));
  const customers = parts.customers
    .filter((item) => !item.href || !shownHrefs.has(item.href))
    .slice(0, limit);
  return [
    { heading: 'This chat', items: pick(parts.actions) },
    { heading: 'Chats', items: chats },
    { heading: 'Customers', items: customers },
    { heading: 'Go to', items: pick(parts.views) },
  ].filter((section) => section.items.length > 0);
}
