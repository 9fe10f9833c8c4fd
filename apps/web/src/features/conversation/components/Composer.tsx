import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { SendIcon } from '../../../ui/icons.tsx';

const MAX_LENGTH = 4096;

// Drafts survive switching between chats (not a reload): an agent juggling chats keeps them.
const drafts = new Map<string, string>();

type ComposerProps = {
  chatId: string;
  /** Who the reply goes to, for the field's label. */
  recipient: string;
  onSend: (text: string) => void;
};

/** Enter sends, Shift+Enter starts a new line, Ctrl/⌘+Enter also sends. */
export function Composer({ chatId, recipient, onSend }: ComposerProps) {
  const id = useId();
  const hintId = useId();
  const [text, setText] = useState(() => drafts.get(chatId) ?? '');
  const field = useRef<HTMLTextAreaElement>(null);
  const tooLong = text.length > MAX_LENGTH;

  const update = (next: string) => {
    setText(next);
    if (next) drafts.set(chatId, next);
    else drafts.delete(chatId);
  };

  const send = () => {
    const message = text.trim();
    if (!message || tooLong) return;
    onSend(message);
    update('');
    field.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
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
      <textarea
        id={id}
        ref={field}
        className="composer__field"
        rows={2}
        placeholder={`Reply to ${recipient}…`}
        value={text}
        aria-describedby={hintId}
        aria-invalid={tooLong || undefined}
        aria-keyshortcuts="Enter Control+Enter"
        onChange={(event) => update(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer__bar">
        <span className="composer__hint" id={hintId}>
          {tooLong ? (
            <span className="composer__error">
              {text.length - MAX_LENGTH} characters over the {MAX_LENGTH} limit
            </span>
          ) : (
            <>
              <kbd className="kbd">Enter</kbd> to send · <kbd className="kbd">Shift</kbd>+
              <kbd className="kbd">Enter</kbd> for a new line
            </>
          )}
        </span>
        <Button type="submit" variant="primary" size="sm" disabled={!text.trim() || tooLong}>
          Send <SendIcon size={14} />
        </Button>
      </div>
    </form>
  );
}
