import type { CannedReply } from '@parley/contract';
import { Link } from 'wouter';
import type { CannedSuggestions } from '../hooks/useCannedSuggestions.ts';
import '../canned-replies.css';

type CannedReplyListboxProps = {
  id: string;
  open: boolean;
  query: string;
  options: readonly CannedReply[];
  state: CannedSuggestions['state'];
  activeIndex: number;
  optionId: (reply: CannedReply) => string;
  onPick: (reply: CannedReply) => void;
  onRetry: () => void;
};

/**
 * The popup of the composer's `/` combobox: matching canned replies. Focus stays in the text
 * field, which points at the active option with aria-activedescendant; the mouse picks too.
 */
export function CannedReplyListbox({
  id,
  open,
  query,
  options,
  state,
  activeIndex,
  optionId,
  onPick,
  onRetry,
}: CannedReplyListboxProps) {
  if (!open) return <ul id={id} role="listbox" aria-label="Canned replies" hidden />;
  return (
    <div className="canned-popup">
      <ul id={id} role="listbox" aria-label="Canned replies" className="canned-listbox">
        {options.map((reply, index) => (
          <li
            key={reply.id}
            id={optionId(reply)}
            role="option"
            aria-selected={index === activeIndex}
            className="canned-listbox__option"
            // Keep the caret in the text field: picking must not blur it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(reply)}
          >
            <span className="canned-listbox__head">
              <span className="canned-listbox__title">{reply.title}</span>
              {reply.shortcut ? (
                <span className="canned-listbox__shortcut">/{reply.shortcut}</span>
              ) : null}
              <span className="canned-listbox__kind">{reply.shared ? 'Shared' : 'Mine'}</span>
            </span>
            <span className="canned-listbox__body">{reply.body}</span>
          </li>
        ))}
      </ul>
      {options.length > 0 ? (
        <p className="canned-popup__hint">
          <kbd className="kbd">↑</kbd> <kbd className="kbd">↓</kbd> choose ·{' '}
          <kbd className="kbd">Enter</kbd> insert · <kbd className="kbd">Esc</kbd> close
        </p>
      ) : (
        <p className="canned-popup__status" role="status">
          {state === 'loading' ? (
            'Loading canned replies…'
          ) : state === 'error' ? (
            <>
              Couldn’t load the canned replies.{' '}
              <button
                type="button"
                className="link-button"
                onMouseDown={(event) => event.preventDefault()}
                onClick={onRetry}
              >
                Retry
              </button>
            </>
          ) : query.trim() === '' ? (
            <>
              No canned replies yet. Save some under{' '}
              <Link href="/canned-replies" onMouseDown={(event) => event.preventDefault()}>
                Canned replies
              </Link>
              .
            </>
          ) : (
            `No canned reply matches “${query}”.`
          )}
        </p>
      )}
    </div>
  );
}
