import type { UploadedAttachment } from '@parley/contract';
import {
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { AttachButton } from '../../ui/files/AttachButton.tsx';
import { FileChips } from '../../ui/files/FileChips.tsx';
import type { FileDrafts } from '../../ui/files/useFileDrafts.ts';
import { SendIcon } from './icons.tsx';

const MAX = 4096;

type ComposerProps = {
  onSend: (text: string, files: UploadedAttachment[]) => void;
  ended: boolean;
  /** The files going with the message (also dropped on the conversation or pasted). */
  files: FileDrafts;
  accept?: string | undefined;
  /** Called on each keystroke that changes the text (the caller throttles). */
  onTyping?: () => void;
};

/**
 * Enter sends, Shift+Enter starts a new line; the box grows with what is written. Files come by
 * the paperclip, by pasting or by dropping them on the conversation.
 */
export function Composer({ onSend, onTyping, ended, files, accept }: ComposerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    box.current?.focus();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const over = text.length > MAX;
  const canSend = (text.trim() !== '' || files.ready.length > 0) && !files.uploading && !over;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    onSend(text.trim(), files.ready);
    setText('');
    files.clearSent();
    box.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // While an input method composes (Japanese, Chinese…), Enter picks a candidate.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = [...event.clipboardData.files];
    if (pasted.length === 0) return; // plain text pastes as usual
    event.preventDefault();
    files.add(pasted);
  }

  return (
    <form className="composer" onSubmit={submit}>
      <div className="composer__files">
        <FileChips drafts={files.drafts} onRemove={files.remove} onRetry={files.retry} />
      </div>
      <AttachButton onFiles={files.add} accept={accept} size={20} />
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Message
      </label>
      <textarea
        ref={box}
        id={`${id}-text`}
        className="composer__input"
        rows={1}
        value={text}
        placeholder={ended ? 'Write to start a new chat…' : 'Write a message…'}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() !== '') onTyping?.();
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        aria-describedby={over ? `${id}-error ${id}-hint` : `${id}-hint`}
        aria-invalid={over || undefined}
      />
      <button type="submit" className="composer__send" aria-label="Send" disabled={!canSend}>
        <SendIcon />
      </button>
      {over && (
        <p id={`${id}-error`} className="composer__error">
          That is {text.length - MAX} characters too long.
        </p>
      )}
      <p id={`${id}-hint`} className="composer__hint">
        {files.uploading
          ? 'Waiting for the files to upload…'
          : 'Enter to send · Shift+Enter for a new line'}
      </p>
    </form>
  );
}
