import { useEffect, useRef } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { AlertIcon } from '../../../ui/icons.tsx';
import type { Choice, Conflict } from '../profileDraft.ts';

type ProfileConflictProps = {
  conflicts: Conflict[];
  /** Fields only they changed: taken as they are. */
  takenFromTheirs: string[];
  choices: Record<string, Choice>;
  onChoose: (field: string, choice: Choice) => void;
  saving: boolean;
  error: string | null;
  onSave: () => void;
  onDiscard: () => void;
};

const shown = (value: string) =>
  value === '' ? <span className="profile__unset">(empty)</span> : value;

/**
 * A colleague saved first. Each field both changed shows their value beside the person's
 * unsaved one; nothing is lost until they choose, and the save goes on top of the newer version.
 */
export function ProfileConflict(props: ProfileConflictProps) {
  const { conflicts, takenFromTheirs, choices, onChoose, saving, error, onSave, onDiscard } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const undecided = conflicts.filter((conflict) => choices[conflict.field] === undefined).length;

  return (
    <section
      className="conflict"
      aria-labelledby="profile-conflict-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDiscard();
        }
      }}
    >
      <div className="conflict__banner">
        <AlertIcon className="conflict__icon" />
        <div>
          <h3 className="conflict__title" id="profile-conflict-title" tabIndex={-1} ref={heading}>
            Someone else changed this profile
          </h3>
          <p className="conflict__text">
            {conflicts.length > 0
              ? 'They saved while you were editing. For each field, keep theirs or yours, then save.'
              : 'They saved while you were editing, but not the fields you changed. Save to add your edits.'}
          </p>
        </div>
      </div>

      {conflicts.length > 0 ? (
        <ul className="conflict__list">
          {conflicts.map((conflict) => {
            const choice = choices[conflict.field];
            return (
              <li className="conflict__field" key={conflict.field}>
                <p className="conflict__label">{conflict.label}</p>
                <div className="conflict__options" role="group" aria-label={conflict.label}>
                  <div className="conflict__option" data-chosen={choice === 'theirs' || undefined}>
                    <span className="conflict__who">Theirs (saved)</span>
                    <span className="conflict__value">{shown(conflict.theirs)}</span>
                    <Button
                      size="sm"
                      variant={choice === 'theirs' ? 'primary' : 'secondary'}
                      aria-pressed={choice === 'theirs'}
                      aria-label={`Keep theirs for ${conflict.label}`}
                      onClick={() => onChoose(conflict.field, 'theirs')}
                    >
                      Keep theirs
                    </Button>
                  </div>
                  <div className="conflict__option" data-chosen={choice === 'mine' || undefined}>
                    <span className="conflict__who">Yours (unsaved)</span>
                    <span className="conflict__value">{shown(conflict.mine)}</span>
                    <Button
                      size="sm"
                      variant={choice === 'mine' ? 'primary' : 'secondary'}
                      aria-pressed={choice === 'mine'}
                      aria-label={`Keep yours for ${conflict.label}`}
                      onClick={() => onChoose(conflict.field, 'mine')}
                    >
                      Keep yours
                    </Button>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}

      {takenFromTheirs.length > 0 ? (
        <p className="conflict__also">Also updated by them, kept: {takenFromTheirs.join(', ')}.</p>
      ) : null}

      {error ? (
        <p className="profile-form__error" role="alert">
          {error}
        </p>
      ) : null}

      <div className="profile-form__actions">
        <Button onClick={onDiscard}>Discard my edits</Button>
        <Button
          variant="primary"
          pending={saving}
          disabled={undecided > 0}
          onClick={onSave}
          title={undecided > 0 ? 'Choose theirs or yours for every field first' : undefined}
        >
          {saving ? 'Saving…' : 'Save again'}
        </Button>
      </div>
    </section>
  );
}
