import type { CustomerSearchHit, Me } from '@parley/contract';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../../ui/Dialog.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import { cachedChats } from '../../chats/index.ts';
import { fetchSearch, searchKeys, useDebounced } from '../../search/index.ts';
import { useOpenChatCommands } from '../../shortcuts/index.ts';
import {
  actionItems,
  chatItems,
  customerItems,
  paletteSections,
  viewItems,
} from '../paletteItems.ts';
import type { PaletteItem } from '../paletteItems.ts';
import '../palette.css';

type CommandPaletteProps = { open: boolean; onOpenChange: (open: boolean) => void; me: Me };

/**
 * ⌘K / Ctrl+K: one field to jump to a view, a chat or a customer, or to act on the open chat.
 * Actions that may not run now stay listed, greyed, with the reason.
 */
export function CommandPalette({ open, onOpenChange, me }: CommandPaletteProps) {
  // Going somewhere hands focus to that place (a chat's reply field) instead of back.
  const went = useRef(false);
  // Opened by a key, not a trigger button: the focus goes back to where it was by hand.
  const cameFrom = useRef<HTMLElement | null>(null);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="palette"
        onOpenAutoFocus={() => {
          const active = document.activeElement;
          cameFrom.current = active instanceof HTMLElement ? active : null;
        }}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          if (!went.current && cameFrom.current?.isConnected)
            cameFrom.current.focus({ preventScroll: true });
          went.current = false;
        }}
      >
        <DialogTitle className="visually-hidden">Command palette</DialogTitle>
        <DialogDescription className="visually-hidden">
          Type to find a view, a chat, a customer or an action on the open chat; arrow keys move,
          Enter runs the highlighted one.
        </DialogDescription>
        {open ? (
          <PaletteBody
            me={me}
            onDone={(navigated) => {
              went.current = navigated;
              onOpenChange(false);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function PaletteBody({ me, onDone }: { me: Me; onDone: (navigated: boolean) => void }) {
  const [text, setText] = useState('');
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const commands = useOpenChatCommands();
  const q = useDebounced(text.trim(), 200);
  const customers = useQuery({
    queryKey: searchKeys.results('customers', q),
    queryFn: ({ signal }) => fetchSearch('customers', q, signal),
    enabled: q.length >= 2 && q.length <= 200,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  // Read once per opening: the lists do not change under the person's fingers.
  const chats = useMemo(() => chatItems(cachedChats(queryClient)), [queryClient]);
  const views = useMemo(() => viewItems(me), [me]);
  const hits =
    q.length >= 2
      ? (customers.data?.items ?? []).filter(
          (hit): hit is CustomerSearchHit => hit.kind === 'customer',
        )
      : [];
  const sections = paletteSections(text, {
    actions: actionItems(commands),
    chats,
    customers: customerItems(hits),
    views,
  });

  const select = (item: PaletteItem) => {
    if (item.disabledReason) return;
    if (item.href) {
      onDone(true);
      navigate(item.href);
    } else if (item.run) {
      onDone(false);
      item.run();
    }
  };

  return (
    <Command label="Command palette" shouldFilter={false} loop className="palette__command">
      <Command.Input
        className="palette__input"
        value={text}
        onValueChange={setText}
        placeholder="Go to a view, a chat or a customer, or act on this chat…"
        maxLength={200}
      />
      <Command.List className="palette__list" label="Matches">
        <Command.Empty className="palette__empty">
          {customers.isFetching ? 'Searching customers…' : `Nothing matches “${text.trim()}”.`}
        </Command.Empty>
        {sections.map((section) => (
          <Command.Group key={section.heading} heading={section.heading}>
            {section.items.map((item) => (
              <Command.Item
                key={item.id}
                value={item.id}
                disabled={Boolean(item.disabledReason)}
                onSelect={() => select(item)}
                className="palette__item"
              >
                <span className="palette__label">{item.label}</span>
                {item.disabledReason ? (
                  <span className="palette__reason">{item.disabledReason}</span>
                ) : item.detail ? (
                  <span className="palette__detail">{item.detail}</span>
                ) : null}
                {item.shortcut ? <Kbd>{item.shortcut}</Kbd> : null}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
      </Command.List>
      <footer className="palette__keys" aria-hidden="true">
        <span>
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> move
        </span>
        <span>
          <Kbd>Enter</Kbd> open or run
        </span>
        <span>
          <Kbd>Esc</Kbd> close
        </span>
      </footer>
    </Command>
  );
}
