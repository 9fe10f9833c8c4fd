import type { StaffPresence } from '@parley/contract';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import { presenceLabels, presenceState } from '../../staff/index.ts';

type MentionListboxProps = {
  id: string;
  open: boolean;
  options: readonly StaffPresence[];
  activeIndex: number;
  optionId: (person: StaffPresence) => string;
  onPick: (person: StaffPresence) => void;
};

/**
 * The popup of the composer's combobox: colleagues online now. Focus stays in the text field,
 * which points at the active option with aria-activedescendant; the mouse picks too.
 */
export function MentionListbox({
  id,
  open,
  options,
  activeIndex,
  optionId,
  onPick,
}: MentionListboxProps) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Colleagues online now"
      className="mention-listbox"
      hidden={!open}
    >
      {open
        ? options.map((person, index) => {
            const state = presenceState(person);
            return (
              <li
                key={person.id}
                id={optionId(person)}
                role="option"
                aria-selected={index === activeIndex}
                className="mention-listbox__option"
                // Keep the caret in the text field: picking must not blur it.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => onPick(person)}
              >
                <span className="mention-listbox__avatar" aria-hidden="true">
                  {initials(person.name)}
                </span>
                <span className="mention-listbox__name">{person.name}</span>
                <span className="mention-listbox__meta">
                  {person.role === 'agent' ? null : (
                    <span className="mention-listbox__role">{roleLabels[person.role]}</span>
                  )}
                  <StatusDot tone={dotTones[state]} />
                  {presenceLabels[state]}
                </span>
              </li>
            );
          })
        : null}
    </ul>
  );
}

const roleLabels = { admin: 'Admin', supervisor: 'Supervisor', agent: 'Agent' } as const;
const dotTones = { available: 'green', away: 'amber', offline: 'grey' } as const;

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [words[0]?.[0]];
  return letters.join('').toUpperCase();
}
