import { useId, useRef, useState } from 'react';
import { Button } from '../../../ui/Button.tsx';

const PRESETS = [3, 5, 10] as const;
export const MAX_QUICK_ACCEPT = 50;

/** Whether `value` is a count quick accept can ask for (a whole number 1–50), else why not. */
export function quickAcceptCountProblem(value: string): string | null {
  if (value.trim() === '') return 'Enter how many tickets to take.';
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_QUICK_ACCEPT)
    return `Enter a whole number from 1 to ${MAX_QUICK_ACCEPT}.`;
  return null;
}

type QuickAcceptProps = {
  /** Takes the oldest `count`; the pane runs the request and says what came of it. */
  onAccept: (count: number) => void;
  pending: boolean;
  /** Why quick accept is off (no departments), or null. */
  blocked: string | null;
};

/**
 * "Quick accept": take the oldest 3, 5, 10 or N unassigned tickets of my departments in one go.
 * The server hands them out atomically, so two agents at once never get the same ticket; the
 * answer says how many I got.
 */
export function QuickAccept({ onAccept, pending, blocked }: QuickAcceptProps) {
  const menu = useRef<HTMLDetailsElement>(null);
  const fieldId = useId();
  const errorId = useId();
  const [custom, setCustom] = useState('');
  const [customProblem, setCustomProblem] = useState<string | null>(null);

  const take = (count: number) => {
    if (menu.current) menu.current.open = false;
    onAccept(count);
  };

  if (blocked) {
    return (
      <p className="quick-accept__blocked" title={blocked}>
        {blocked}
      </p>
    );
  }

  return (
    <div className="quick-accept">
      <details
        className="quick-accept__menu"
        ref={menu}
        onKeyDown={(event) => {
          // Esc closes the menu and leaves focus on its button, as a menu does.
          if (event.key !== 'Escape' || !menu.current?.open) return;
          event.preventDefault();
          menu.current.open = false;
          menu.current.querySelector('summary')?.focus();
        }}
      >
        <summary className="button button--secondary button--sm" aria-busy={pending || undefined}>
          {pending ? 'Accepting…' : 'Quick accept'}
        </summary>
        <div className="quick-accept__panel" role="group" aria-label="Accept the oldest tickets">
          <p className="quick-accept__hint">Take the oldest waiting tickets:</p>
          <div className="quick-accept__presets">
            {PRESETS.map((count) => (
              <Button
                key={count}
                size="sm"
                variant="secondary"
                disabled={pending}
                aria-label={`Accept the oldest ${count}`}
                onClick={() => take(count)}
              >
                {count}
              </Button>
            ))}
          </div>
          <form
            className="quick-accept__custom"
            // The field's own message says what is wrong; the browser's bubble would not match.
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const problem = quickAcceptCountProblem(custom);
              setCustomProblem(problem);
              if (problem === null) take(Number(custom));
            }}
          >
            <label htmlFor={fieldId} className="quick-accept__label">
              Or
            </label>
            <input
              id={fieldId}
              className="input quick-accept__field"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_QUICK_ACCEPT}
              placeholder="N"
              aria-label={`How many tickets (1–${MAX_QUICK_ACCEPT})`}
              aria-invalid={customProblem !== null || undefined}
              aria-describedby={customProblem ? errorId : undefined}
              value={custom}
              onChange={(event) => {
                setCustom(event.target.value);
                setCustomProblem(null);
              }}
            />
            <Button type="submit" size="sm" variant="primary" disabled={pending}>
              Accept
            </Button>
          </form>
          {customProblem ? (
            <p className="quick-accept__error" id={errorId} role="alert">
              {customProblem}
            </p>
          ) : null}
        </div>
      </details>
    </div>
  );
}
