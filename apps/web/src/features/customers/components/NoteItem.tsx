import type { Note } from '@parley/contract';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { LinkifiedText } from '../../../ui/message/index.ts';
import { absoluteTime, relativeTime } from '../../../ui/time.ts';
import { channelLabels } from '../../chats/index.ts';

const LONG = { chars: 280, lines: 5 };
const isLong = (body: string) => body.length > LONG.chars || body.split('\n').length > LONG.lines;

function shortDate(iso: string, now: number): string {
  const at = new Date(iso);
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: at.getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric',
  }).format(at);
}

/** Where the note was written: this chat, an earlier chat, a ticket. */
function whereWritten(note: Note, currentChatId: string | null, now: number): string | null {
  if (note.chat) {
    if (note.chat.id === currentChatId) return 'on this chat';
    return `on the ${channelLabels[note.chat.channel.kind].long} chat of ${shortDate(note.chat.createdAt, now)}`;
  }
  if (note.ticketId) return 'on a ticket';
  return null;
}

function ReferenceLink({ reference }: { reference: NonNullable<Note['reference']> }) {
  if (reference.kind === 'url') {
    let label = reference.value;
    try {
      const url = new URL(reference.value);
      label = `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    } catch {
      // The server only stores http(s) URLs; show it as it is otherwise.
    }
    return (
      <a
        className="note__ref note__ref--link"
        href={reference.value}
        target="_blank"
        rel="noopener noreferrer"
        title={reference.value}
      >
        {label}
      </a>
    );
  }
  if (reference.kind === 'jira')
    return (
      <span className="note__ref" title="Jira issue">
        {reference.value}
      </span>
    );
  return (
    <span className="note__ref" title="Ticket">
      #{reference.value}
    </span>
  );
}

type NoteItemProps = {
  note: Note;
  now: number;
  currentChatId: string | null;
  deleting: boolean;
  deleteError: unknown;
  onDelete: () => void;
};

/** One note; View and Delete show on hover and whenever focus is inside the row. */
export function NoteItem({
  note,
  now,
  currentChatId,
  deleting,
  deleteError,
  onDelete,
}: NoteItemProps) {
  const [expanded, setExpanded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const long = isLong(note.body);
  const where = whereWritten(note, currentChatId, now);
  const author = note.author?.name ?? 'Former colleague';

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const stopConfirming = () => {
    setConfirming(false);
    requestAnimationFrame(() => deleteRef.current?.focus());
  };

  return (
    <li className="note">
      <div className="note__meta">
        <span className="note__author">{author}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={note.createdAt} title={absoluteTime(note.createdAt)}>
          {relativeTime(note.createdAt, now)}
        </time>
        {where ? (
          <>
            <span aria-hidden="true">·</span>
            <span className="note__where">{where}</span>
          </>
        ) : null}
        {!confirming ? (
          <span className="note__actions">
            {long ? (
              <Button
                size="sm"
                variant="ghost"
                aria-expanded={expanded}
                onClick={() => setExpanded((open) => !open)}
              >
                {expanded ? 'Less' : 'View'}
              </Button>
            ) : null}
            {note.canDelete ? (
              <Button
                size="sm"
                variant="ghost"
                className="note__delete"
                ref={deleteRef}
                aria-label="Delete note"
                onClick={() => setConfirming(true)}
              >
                Delete
              </Button>
            ) : null}
          </span>
        ) : null}
      </div>
      <p className={long && !expanded ? 'note__body note__body--clamped' : 'note__body'}>
        <LinkifiedText text={note.body} />
      </p>
      {note.reference ? (
        <p className="note__refs">
          <ReferenceLink reference={note.reference} />
        </p>
      ) : null}
      {confirming ? (
        <div
          className="note__confirm"
          role="group"
          aria-label="Confirm delete"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              stopConfirming();
            }
          }}
        >
          <span>Delete for everyone?</span>
          <Button size="sm" ref={cancelRef} onClick={stopConfirming}>
            Cancel
          </Button>
          <Button size="sm" className="button--danger" pending={deleting} onClick={onDelete}>
            {deleting ? 'Deleting…' : 'Delete'}
          </Button>
        </div>
      ) : null}
      {deleteError ? (
        <p className="field__error" role="alert">
          {describeError(deleteError)}
        </p>
      ) : null}
    </li>
  );
}
