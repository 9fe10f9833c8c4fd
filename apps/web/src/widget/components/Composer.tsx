import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { SendIcon } from './icons.tsx';

const MAX = 4096;

/** Enter sends, Shift+Enter starts a new line; the box grows with what is written. */
export function Composer({ onSend, ended }: { onSend: (text: string) => void; ended: boolean }) {
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

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const message = text.trim();
    if (!message || message.length > MAX) return;
    onSend(message);
    setText('');
    box.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // While an input method composes (Japanese, Chinese…), Enter picks a candidate.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  const over = text.length > MAX;
  return (
    <form className="composer" onSubmit={submit}>
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
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={over ? `${id}-error ${id}-hint` : `${id}-hint`}
        aria-invalid={over || undefined}
      />
      <button
        type="submit"
        className="composer__send"
        aria-label="Send"
        disabled={!text.trim() || over}
      >
        <SendIcon />
      </button>
      {over && (
        <p id={`${id}-error`} className="composer__error">
          That is {text.length - MAX} characters too long.
        </p>
      )}
      <p id={`${id}-hint`} className="composer__hint">
        Enter to send · Shift+Enter for a new line
      </p>
    </form>
  );
}
