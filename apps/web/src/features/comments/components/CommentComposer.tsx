import { useTypingSender } from '../../../app/realtime/index.ts';
import type { StaffPresence, StaffSummary } from '@parley/contract';
import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { SendIcon } from '../../../ui/icons.tsx';
import { useAddComment } from '../hooks/useAddComment.ts';
import { useMentionable } from '../hooks/useMentionable.ts';
import { filterColleagues, findMentionQuery, insertMention, mentionIds } from '../mentions.ts';
import { MentionListbox } from './MentionListbox.tsx';

const MAX_LENGTH = 2000;

// Drafts survive switching chats and tabs (not a reload), as the reply composer's do.
const drafts = new Map<string, string>();

type CommentComposerProps = { chatId: string; meId: string | undefined };

/**
 * A text field with a mention list: typing `@` offers colleagues online now. A textarea may not
 * take the combobox role, so it stays a textbox that controls the list while it is open and
 * names the active option (aria-activedescendant), as the combobox pattern does;
 * arrows move, Enter or Tab picks, Esc closes the list. Otherwise Enter adds the comment and
 * Shift+Enter starts a new line.
 */
export function CommentComposer({ chatId, meId }: CommentComposerProps) {
  const fieldId = useId();
  const listboxId = useId();
  const hintId = useId();
  const errorId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(() => drafts.get(chatId) ?? '');
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<StaffSummary[]>([]);
  /** The mention query whose list was closed (Esc, a pick, leaving): typing on reopens it. */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState({ query: '', index: 0 });
  const mentionable = useMentionable(true);
  const add = useAddComment(chatId);
  const sendTyping = useTypingSender(chatId, true);

  const online = mentionable.data ?? [];
  const mention = findMentionQuery(text, caret);
  const queryKey = mention ? `${mention.start}:${mention.query}` : '';
  const typing = mention !== null && queryKey !== dismissed;
  const options = typing ? filterColleagues(online, mention.query, meId) : [];
  // A name typed out in full and followed by a space is finished.
  const finished =
    typing &&
    /\s$/.test(mention.query) &&
    options.some(
      (option) => option.name.toLocaleLowerCase() === mention.query.trim().toLocaleLowerCase(),
    );
  const open = typing && options.length > 0 && !finished;
  const activeIndex = active.query === queryKey ? Math.min(active.index, options.length - 1) : 0;
  const activeOption = open ? options[activeIndex] : undefined;
  const optionId = (person: StaffPresence) => `${listboxId}-${person.id}`;
  const over = text.length - MAX_LENGTH;

  let pickerHint: string | null = null;
  if (typing && !open && mentionable.isSuccess && !/\s/.test(mention.query)) {
    pickerHint = online.some((person) => person.id !== meId)
      ? `No colleague online matches “${mention.query}”.`
      : 'No colleagues are online now. Only colleagues online can be tagged.';
  }

  const update = (next: string, nextCaret: number) => {
    setText(next);
    setCaret(nextCaret);
    if (next) drafts.set(chatId, next);
    else drafts.delete(chatId);
  };

  const pick = (person: StaffPresence) => {
    if (!mention) return;
    const next = insertMention(text, mention, caret, person.name);
    flushSync(() => {
      update(next.text, next.caret);
      setDismissed(`${mention.start}:${next.text.slice(mention.start + 1, next.caret)}`);
      setPicked((list) =>
        list.some((listed) => listed.id === person.id)
          ? list
          : [...list, { id: person.id, name: person.name, role: person.role }],
      );
    });
    field.current?.focus();
    field.current?.setSelectionRange(next.caret, next.caret);
  };

  const submit = () => {
    const body = text.trim();
    if (!body || over > 0 || add.isPending) {
      field.current?.focus();
      return;
    }
    const sent = text;
    add.mutate(
      { body, mentions: mentionIds(text, picked, online, meId) },
      {
        onSuccess: () => {
          // Only what was sent is cleared: anything typed meanwhile stays.
          setText((now) => {
            if (now !== sent) return now;
            drafts.delete(chatId);
            return '';
          });
          setPicked([]);
          setDismissed(null);
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (open) {
      const last = options.length - 1;
      const move = (index: number) => setActive({ query: queryKey, index });
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          move(activeIndex >= last ? 0 : activeIndex + 1);
          return;
        case 'ArrowUp':
          event.preventDefault();
          move(activeIndex <= 0 ? last : activeIndex - 1);
          return;
        case 'Enter':
        case 'Tab':
          if (event.shiftKey) break;
          event.preventDefault();
          if (activeOption) pick(activeOption);
          return;
        case 'Escape':
          // Closes the list only; a dialog or panel around it stays open.
          event.preventDefault();
          event.stopPropagation();
          setDismissed(queryKey);
          return;
      }
    }
    if (event.key !== 'Enter') return;
    if (event.shiftKey && !event.ctrlKey && !event.metaKey) return; // a new line
    event.preventDefault();
    submit();
  };

  const error = add.error ? describeError(add.error) : null;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ');

  return (
    <form
      className="comment-composer"
      aria-label="New comment"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <MentionListbox
        id={listboxId}
        open={open}
        options={options}
        activeIndex={activeIndex}
        optionId={optionId}
        onPick={pick}
      />
      <label className="visually-hidden" htmlFor={fieldId}>
        Comment for staff
      </label>
      <textarea
        id={fieldId}
        ref={field}
        className="comment-composer__field"
        rows={2}
        placeholder="Comment… type @ to tag a colleague"
        value={text}
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-controls={open ? listboxId : undefined}
        aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
        aria-describedby={describedBy}
        aria-invalid={over > 0 || undefined}
        aria-keyshortcuts="Enter Control+Enter"
        onChange={(event) => {
          update(event.target.value, event.target.selectionStart);
          if (event.target.value.trim() !== '') sendTyping();
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setDismissed(queryKey)}
        onFocus={() => setDismissed(null)}
      />
      {pickerHint ? (
        <p className="comment-composer__picker-hint" role="status">
          {pickerHint}
        </p>
      ) : null}
      {error ? (
        <p className="comment-composer__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      <div className="comment-composer__bar">
        <span className="comment-composer__hint" id={hintId}>
          {over > 0 ? (
            <span className="comment-composer__over">
              {over} characters over the {MAX_LENGTH} limit
            </span>
          ) : (
            <>
              <kbd className="kbd">Enter</kbd> adds · <kbd className="kbd">Shift</kbd>+
              <kbd className="kbd">Enter</kbd> new line
            </>
          )}
        </span>
        <Button
          type="submit"
          variant="primary"
          size="sm"
          pending={add.isPending}
          disabled={!text.trim() || over > 0}
        >
          Add <SendIcon size={14} />
        </Button>
      </div>
    </form>
  );
}
