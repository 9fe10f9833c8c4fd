import type { StaffPresence } from '@parley/contract';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { ListSkeleton } from '../../../ui/ListSkeleton.tsx';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import type { StatusTone } from '../../../ui/StatusDot.tsx';
import { presenceLabels, presenceState } from '../api.ts';
import type { PresenceState } from '../api.ts';
import { useStaff } from '../hooks/useStaff.ts';
import '../staff.css';

const tones: Record<PresenceState, StatusTone> = {
  available: 'green',
  away: 'amber',
  offline: 'grey',
};

const byName = (first: StaffPresence, second: StaffPresence) =>
  first.name.localeCompare(second.name);

/** Colleagues with a live status word; the signed-in person is shown in the footer instead. */
export function TeamList({ meId }: { meId: string }) {
  const staff = useStaff();
  const headingId = 'team-heading';

  let body;
  if (staff.isPending) {
    body = <ListSkeleton rows={4} lines={1} label="Loading the team" />;
  } else if (staff.isError) {
    body = (
      <ErrorState
        compact
        title="Couldn't load the team."
        error={staff.error}
        onRetry={() => void staff.refetch()}
        retrying={staff.isFetching}
      />
    );
  } else {
    const colleagues = staff.data.filter((person) => person.id !== meId).sort(byName);
    body =
      colleagues.length === 0 ? (
        <p className="team__empty">Colleagues appear here with their status.</p>
      ) : (
        <ul className="team__list" aria-labelledby={headingId}>
          {colleagues.map((person) => {
            const state = presenceState(person);
            const label = presenceLabels[state];
            return (
              <li
                key={person.id}
                className="team__item"
                data-state={state}
                aria-label={`${person.name}, ${label}`}
              >
                <StatusDot tone={tones[state]} />
                <span className="team__name" title={person.name}>
                  {person.name}
                </span>
                <span className="team__status">{label}</span>
              </li>
            );
          })}
        </ul>
      );
  }

  const onlineCount =
    staff.data?.filter((person) => person.online && person.id !== meId).length ?? 0;
  return (
    <section className="team" aria-labelledby={headingId}>
      <div className="sidebar__heading-row">
        <h2 className="sidebar__heading" id={headingId}>
          Team
        </h2>
        {staff.isSuccess ? (
          <span className="sidebar__heading-meta">{onlineCount} online</span>
        ) : null}
      </div>
      {body}
    </section>
  );
}
