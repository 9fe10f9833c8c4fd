import type { UploadedAttachment } from '@parley/contract';
import type { CannedReply } from '@parley/contract';
import { useEffect, useId, useRef, useState } from 'react';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  CannedReplyListbox,
  type CannedSuggestions,
  findSlashQuery,
  insertCannedReply,
  matchCannedReplies,
} from '../../canned-replies/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { AttachButton } from '../../../ui/files/AttachButton.tsx';
import { FileChips } from '../../../ui/files/FileChips.tsx';
import type { FileDrafts } from '../../../ui/files/useFileDrafts.ts';
import { SendIcon } from '../../../ui/icons.tsx';
import { isTypingTarget } from '../../../ui/keyboard.ts';

const MAX_LENGTH = 4096;

// Drafts survive switching between chats (not a reload): an agent juggling chats keeps them.
const drafts = new Map<string, string>();

type ComposerProps = {
  chatId: string;
  /** Who the reply goes to, for the field's label. */
  recipient: string;
  onSend: (text: string, files: UploadedAttachment[]) => void;
  /** The files going with the message (the pane also takes them by drag and drop). */
  files?: FileDrafts;
  /** The types the file picker offers. */
  accept?: string | undefined;
  /** Called as the agent types (the caller throttles what it tells the room). */
  onTyping?: (() => void) | undefined;
  /** Canned replies offered after a `/` at the start; staff composers only. */
  canned?: CannedSuggestions | undefined;
};

const ignore = () => undefined;
const noFiles: FileDrafts = {
  drafts: [],
  add: ignore,
  remove: ignore,
  retry: ignore,
  ready: [],
  uploading: false,
  clearSent: ignore,
};

/**
 * Enter sends, Shift+Enter starts a new line, Ctrl/⌘+Enter also sends. Files come by the
 * paperclip, by pasting or by dropping them on the conversation; the message waits for their
 * uploads.
 *
 * With `canned`, a `/` at the start opens a list of canned replies filtered by what follows. A
 * textarea may not take the combobox role, so it stays a textbox that controls the list while it
 * is open and names the active option (aria-activedescendant), as the combobox pattern does:
 * arrows move, Enter or Tab inserts the reply (its placeholders filled) in place of the `/query`,
 * Esc closes the list. While the list is closed the keys above work as usual.
 */
export function Composer({
  chatId,
  recipient,
  onSend,
  files = noFiles,
  accept,
  onTyping,
  canned,
}: ComposerProps) {
  const id = useId();
  const hintId = useId();
  const listboxId = useId();
  const [text, setText] = useState(() => drafts.get(chatId) ?? '');
  const [caret, setCaret] = useState(() => text.length);
  /** The `/query` whose list was closed (Esc, a pick, leaving): typing on reopens it. */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState({ query: '', index: 0 });
  const field = useRef<HTMLTextAreaElement>(null);
  const tooLong = text.length > MAX_LENGTH;

  // Opening a chat is for answering it: the reply field takes focus, unless the person is
  // already typing somewhere else or a dialog holds them. The list does not scroll.
  useEffect(() => {
    const focused = document.activeElement;
    if (isTypingTarget(focused) || focused?.closest('[role="dialog"],[role="alertdialog"]')) return;
    field.current?.focus({ preventScroll: true });
  }, []);

  const slash = canned ? findSlashQuery(text, caret) : null;
  const open = slash !== null && slash !== dismissed;
  const options = open && canned?.replies ? matchCannedReplies(canned.replies, slash) : [];
  const activeIndex = active.query === slash ? Math.min(active.index, options.length - 1) : 0;
  const activeOption = open ? options[activeIndex] : undefined;
  const optionId = (reply: CannedReply) => `${listboxId}-${reply.id}`;
  const want = canned?.want;
  useEffect(() => {
    if (open) want?.();
  }, [open, want]);

  const update = (next: string, nextCaret = next.length) => {
    setText(next);
    setCaret(nextCaret);
    if (next) drafts.set(chatId, next);
    else drafts.delete(chatId);
  };

  const pick = (reply: CannedReply) => {
    if (!canned) return;
    const next = insertCannedReply(text, caret, canned.fill(reply));
    flushSync(() => {
      update(next.text, next.caret);
      setDismissed(null);
    });
    field.current?.focus();
    field.current?.setSelectionRange(next.caret, next.caret);
  };

  const canSend = (text.trim() !== '' || files.ready.length > 0) && !files.uploading && !tooLong;

  const send = () => {
    if (!canSend) return;
    onSend(text.trim(), files.ready);
    update('');
    files.clearSent();
    field.current?.focus();
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    if (files === noFiles) return;
    const pasted = [...event.clipboardData.files];
    if (pasted.length === 0) return; // plain text pastes as usual
    event.preventDefault();
    files.add(pasted);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (open && slash !== null) {
      const last = options.length - 1;
      const move = (index: number) => setActive({ query: slash, index });
      switch (event.key) {
        case 'ArrowDown':
          if (last < 0) break;
          event.preventDefault();
          move(activeIndex >= last ? 0 : activeIndex + 1);
          return;
        case 'ArrowUp':
          if (last < 0) break;
          event.preventDefault();
          move(activeIndex <= 0 ? last : activeIndex - 1);
          return;
        case 'Enter':
        case 'Tab':
          if (event.shiftKey || !activeOption) break;
          event.preventDefault();
          pick(activeOption);
          return;
        case 'Escape':
          // Closes the list only; a dialog or panel around it stays open.
          event.preventDefault();
          event.stopPropagation();
          setDismissed(slash);
          return;
      }
    }
    if (event.key === 'Escape') {
      // Leaves the field, so single-key shortcuts work again; the draft stays.
      event.currentTarget.blur();
      return;
    }
    if (event.key !== 'Enter') return;
    if (event.shiftKey && !event.ctrlKey && !event.metaKey) return; // a new line
    event.preventDefault();
    send();
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        Reply to {recipient}
      </label>
      {canned ? (
        <CannedReplyListbox
          id={listboxId}
          open={open}
          query={slash ?? ''}
          options={options}
          state={canned.state}
          activeIndex={activeIndex}
          optionId={optionId}
          onPick={pick}
          onRetry={canned.retry}
        />
      ) : null}
      <FileChips drafts={files.drafts} onRemove={files.remove} onRetry={files.retry} />
      <textarea
        id={id}
        ref={field}
        className="composer__field"
        rows={2}
        placeholder={
          canned ? `Reply to ${recipient}… type / for canned replies` : `Reply to ${recipient}…`
        }
        value={text}
        aria-autocomplete={canned ? 'list' : undefined}
        aria-haspopup={canned ? 'listbox' : undefined}
        aria-controls={canned && open ? listboxId : undefined}
        aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
        aria-describedby={hintId}
        aria-invalid={tooLong || undefined}
        aria-keyshortcuts="Enter Control+Enter Escape"
        onChange={(event) => {
          update(event.target.value, event.target.selectionStart);
          if (event.target.value.trim() !== '') onTyping?.();
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onBlur={() => setDismissed(slash)}
        onFocus={() => setDismissed(null)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      <div className="composer__bar">
        <span className="composer__hint" id={hintId}>
          {tooLong ? (
            <span className="composer__error">
              {text.length - MAX_LENGTH} characters over the {MAX_LENGTH} limit
            </span>
          ) : files.uploading ? (
            'Waiting for the files to upload…'
          ) : (
            <>
              <kbd className="kbd">Enter</kbd> to send · <kbd className="kbd">Shift</kbd>+
              <kbd className="kbd">Enter</kbd> for a new line
            </>
          )}
        </span>
        <span className="composer__actions">
          {files === noFiles ? null : <AttachButton onFiles={files.add} accept={accept} />}
          <Button type="submit" variant="primary" size="sm" disabled={!canSend}>
            Send <SendIcon size={14} />
          </Button>
        </span>
      </div>
    </form>
  );
}
