import type { UploadedAttachment } from '@parley/contract';
import { useEffect, useId, useRef, useState } from 'react';
import type { ClipboardEvent, KeyboardEvent } from 'react';
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
 */
export function Composer({
  chatId,
  recipient,
  onSend,
  files = noFiles,
  accept,
  onTyping,
}: ComposerProps) {
  const id = useId();
  const hintId = useId();
  const [text, setText] = useState(() => drafts.get(chatId) ?? '');
  const field = useRef<HTMLTextAreaElement>(null);
  const tooLong = text.length > MAX_LENGTH;

  // Opening a chat is for answering it: the reply field takes focus, unless the person is
  // already typing somewhere else or a dialog holds them. The list does not scroll.
  useEffect(() => {
    const active = document.activeElement;
    if (isTypingTarget(active) || active?.closest('[role="dialog"],[role="alertdialog"]')) return;
    field.current?.focus({ preventScroll: true });
  }, []);

  const update = (next: string) => {
    setText(next);
    if (next) drafts.set(chatId, next);
    else drafts.delete(chatId);
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
    if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
      // Leaves the field, so single-key shortcuts work again; the draft stays.
      event.currentTarget.blur();
      return;
    }
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
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
      <FileChips drafts={files.drafts} onRemove={files.remove} onRetry={files.retry} />
      <textarea
        id={id}
        ref={field}
        className="composer__field"
        rows={2}
        placeholder={`Reply to ${recipient}…`}
        value={text}
        aria-describedby={hintId}
        aria-invalid={tooLong || undefined}
        aria-keyshortcuts="Enter Control+Enter Escape"
        onChange={(event) => {
          update(event.target.value);
          if (event.target.value.trim() !== '') onTyping?.();
        }}
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
