import type { SearchKind, SearchResult } from '@parley/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useLocation } from 'wouter';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../../ui/Dialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { Kbd } from '../../../ui/Kbd.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { Tab, TabList, TabPanel, Tabs } from '../../../ui/Tabs.tsx';
import { absoluteTime } from '../../../ui/time.ts';
import { customerLabel, statusLabels } from '../../chats/index.ts';
import { fetchSearch, searchKeys } from '../api.ts';
import { useDebounced } from '../hooks/useDebounced.ts';
import { resultHref } from '../paths.ts';
import { Snippet } from './Snippet.tsx';
import '../search.css';

const kinds: { kind: SearchKind; label: string; hint: string }[] = [
  { kind: 'messages', label: 'Messages', hint: 'Words from what customers and agents wrote.' },
  { kind: 'customers', label: 'Customers', hint: 'A name, an email or a number in any format.' },
  { kind: 'notes', label: 'Notes', hint: 'Words from notes about customers.' },
];

type SearchDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

/** Search customers, messages and notes; a result opens where it lives. */
export function SearchDialog({ open, onOpenChange }: SearchDialogProps) {
  // An opened result keeps the focus it gives (a chat's reply field) rather than going back.
  const openedResult = useRef(false);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="search"
        onCloseAutoFocus={(event) => {
          if (openedResult.current) event.preventDefault();
          openedResult.current = false;
        }}
      >
        <DialogTitle className="visually-hidden">Search</DialogTitle>
        <DialogDescription className="visually-hidden">
          Type to search, move through results with the arrow keys and open one with Enter.
        </DialogDescription>
        {open ? (
          <SearchBody
            onDone={() => {
              openedResult.current = true;
              onOpenChange(false);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function SearchBody({ onDone }: { onDone: () => void }) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<SearchKind>('messages');
  const [active, setActive] = useState(0);
  const [, navigate] = useLocation();
  const q = useDebounced(text.trim(), 200);
  const results = useQuery({
    queryKey: searchKeys.results(kind, q),
    queryFn: ({ signal }) => fetchSearch(kind, q, signal),
    enabled: q.length > 0 && q.length <= 200,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = q.length > 0 ? (results.data?.items ?? []) : [];
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;
  const current = Math.min(active, Math.max(0, items.length - 1));

  const openResult = (result: SearchResult | undefined) => {
    const href = result && resultHref(result);
    if (!href) return;
    onDone();
    navigate(href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (items.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      openResult(items[current]);
    }
  };

  const hint = kinds.find((k) => k.kind === kind)!.hint;
  return (
    <div className="search__body">
      <input
        className="search__input"
        type="search"
        role="combobox"
        aria-label="Search"
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls={items.length > 0 ? listId : undefined}
        aria-activedescendant={items.length > 0 ? optionId(current) : undefined}
        placeholder="Search messages, customers and notes…"
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <Tabs
        value={kind}
        onValueChange={(value) => {
          setKind(value);
          setActive(0);
        }}
      >
        <TabList aria-label="What to search" className="search__tabs">
          {kinds.map((k) => (
            <Tab key={k.kind} value={k.kind}>
              {k.label}
            </Tab>
          ))}
        </TabList>
        {kinds.map((k) => (
          <TabPanel key={k.kind} value={k.kind} className="search__panel" tabIndex={-1}>
            {q.length === 0 ? (
              <p className="search__hint">{hint}</p>
            ) : results.isPending ? (
              <ListSkeleton rows={4} label="Searching" />
            ) : results.isError && results.data === undefined ? (
              <ErrorState
                compact
                title="Couldn't search."
                error={results.error}
                onRetry={() => void results.refetch()}
                retrying={results.isFetching}
              />
            ) : items.length === 0 ? (
              <EmptyState title={`Nothing found for “${q}”.`} description={hint} />
            ) : (
              <>
                <ul
                  id={listId}
                  role="listbox"
                  aria-label={`${k.label} found`}
                  aria-busy={results.isFetching || undefined}
                  className="search__results"
                >
                  {items.map((item, index) => (
                    <ResultOption
                      key={`${item.kind}:${item.id}`}
                      id={optionId(index)}
                      result={item}
                      selected={index === current}
                      onHover={() => setActive(index)}
                      onOpen={() => openResult(item)}
                    />
                  ))}
                </ul>
                {results.data?.nextCursor ? (
                  <p className="search__more">
                    The best {items.length} matches. Add a word to narrow the search.
                  </p>
                ) : null}
              </>
            )}
          </TabPanel>
        ))}
      </Tabs>
      <footer className="search__keys" aria-hidden="true">
        <span>
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> move
        </span>
        <span>
          <Kbd>Enter</Kbd> open
        </span>
        <span>
          <Kbd>Esc</Kbd> close
        </span>
      </footer>
    </div>
  );
}

type ResultOptionProps = {
  id: string;
  result: SearchResult;
  selected: boolean;
  onHover: () => void;
  onOpen: () => void;
};

function ResultOption({ id, result, selected, onHover, onOpen }: ResultOptionProps) {
  const href = resultHref(result);
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      aria-disabled={href === null || undefined}
      className="search__result"
      onMouseMove={onHover}
      onClick={onOpen}
    >
      <span className="search__result-head">
        <span className="search__result-title">{titleOf(result)}</span>
        <span className="search__result-meta">{metaOf(result)}</span>
      </span>
      <Snippet snippet={result.snippet} />
    </li>
  );
}

function titleOf(result: SearchResult): string {
  switch (result.kind) {
    case 'message':
      return result.author.kind === 'customer'
        ? customerLabel(result.customer)
        : `${result.author.name} to ${customerLabel(result.customer)}`;
    case 'note':
      return `Note on ${customerLabel(result.customer)}`;
    case 'customer':
      return customerLabel(result.customer);
  }
}

function metaOf(result: SearchResult): string {
  const conversation = result.kind === 'message' ? result.conversation : result.lastConversation;
  const where = conversation
    ? `${conversation.kind === 'ticket' ? 'Ticket' : 'Chat'} · ${statusLabels[conversation.status]}`
    : 'No conversation you can open';
  if (result.kind === 'customer') return where;
  return `${where} · ${absoluteTime(result.createdAt)}`;
}
