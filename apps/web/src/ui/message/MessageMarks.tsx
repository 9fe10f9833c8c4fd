import type { MessageContext, Reaction } from '@parley/contract';
import { useId, useState } from 'react';
import type { Audience } from './messageParts.ts';

/** The message this one answers, quoted above it; a button to it when it is on the page. */
export function ReplyQuote({
  replyTo,
  onOpen,
}: {
  replyTo: NonNullable<MessageContext['replyTo']>;
  onOpen: (() => void) | null;
}) {
  const body = (
    <>
      <span className="visually-hidden">{'In reply to: '}</span>
      <span className="message-quote__text">{replyTo.text}</span>
    </>
  );
  return onOpen ? (
    <button
      type="button"
      className="message-quote"
      aria-label={`In reply to: ${replyTo.text}. Go to that message.`}
      onClick={onOpen}
    >
      <span className="message-quote__text">{replyTo.text}</span>
    </button>
  ) : (
    <blockquote className="message-quote">{body}</blockquote>
  );
}

/** "Edited", which opens to show what the message said before. */
export function EditedMark({ originalText }: { originalText: string | null }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (originalText === null) return <span className="message-mark">Edited</span>;
  return (
    <span className="message-mark message-mark--edited">
      <button
        type="button"
        className="message-mark__toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
      >
        Edited
        <span className="visually-hidden">, {open ? 'hide' : 'show'} the original</span>
      </button>
      <span id={id} className="message-mark__original" hidden={!open}>
        Originally: {originalText}
      </span>
    </span>
  );
}

const sideName = (by: Reaction['by'], audience: Audience) =>
  audience === 'staff'
    ? by === 'customer'
      ? 'the customer'
      : 'the team'
    : by === 'customer'
      ? 'you'
      : 'the team';

/** Each side's reaction, small under the message it is on. */
export function ReactionBadges({
  reactions,
  audience,
}: {
  reactions: Reaction[];
  audience: Audience;
}) {
  if (reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label="Reactions">
      {reactions.map((reaction) => (
        <li key={`${reaction.by}:${reaction.emoji}`} className="reaction">
          <span aria-hidden="true">{reaction.emoji}</span>
          <span className="visually-hidden">
            {reaction.emoji} from {sideName(reaction.by, audience)}
          </span>
        </li>
      ))}
    </ul>
  );
}
