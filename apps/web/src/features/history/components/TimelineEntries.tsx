import type { TimelineNoteItem, TimelineProfileItem } from '@parley/contract';
import { NoteIcon, UserIcon } from '../../../ui/icons.tsx';
import { absoluteTime, relativeTime } from '../../../ui/time.ts';
import { profileChanges } from '../format.ts';

function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}

/** A note on the customer's timeline, as written, with its author and reference. */
export function NoteEntry({ note, now }: { note: TimelineNoteItem; now: number }) {
  return (
    <li className="history-entry" data-kind="note">
      <div className="history-entry__head">
        <NoteIcon size={14} className="history-entry__icon" />
        <span>
          Note by <strong>{note.author?.name ?? 'a former colleague'}</strong>
        </span>
        <span aria-hidden="true">·</span>
        <When iso={note.createdAt} now={now} />
      </div>
      <p className="history-entry__body">{note.body}</p>
      {note.reference ? (
        <p className="history-entry__ref">
          {note.reference.kind === 'url' ? (
            <a href={note.reference.value} target="_blank" rel="noopener noreferrer">
              {note.reference.value}
            </a>
          ) : (
            <span className="note__ref">
              {note.reference.kind === 'ticket' ? `#${note.reference.value}` : note.reference.value}
            </span>
          )}
        </p>
      ) : null}
    </li>
  );
}

/** A profile save: who changed which fields, from what to what. */
export function ProfileEntry({ change, now }: { change: TimelineProfileItem; now: number }) {
  const who = change.actor.kind === 'staff' ? change.actor.name : 'Parley';
  const fields = profileChanges(change.data);
  return (
    <li className="history-entry" data-kind="profile">
      <div className="history-entry__head">
        <UserIcon size={14} className="history-entry__icon" />
        <span>
          Profile changed by <strong>{who}</strong>
        </span>
        <span aria-hidden="true">·</span>
        <When iso={change.createdAt} now={now} />
      </div>
      {fields.length > 0 ? (
        <dl className="history-entry__changes">
          {fields.map((f, index) => (
            <div key={`${f.label}:${index}`} className="history-entry__change">
              <dt>{f.label}</dt>
              <dd>
                {f.from === null ? (
                  <span className="history-entry__empty">empty</span>
                ) : (
                  <span className="history-entry__from">{f.from}</span>
                )}
                {' → '}
                {f.to === null ? (
                  <span className="history-entry__empty">empty</span>
                ) : (
                  <span>{f.to}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}
