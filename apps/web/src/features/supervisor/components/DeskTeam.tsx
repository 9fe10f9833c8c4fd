import type { TeamMember } from '@parley/contract';
import { StatusDot } from '../../../ui/StatusDot.tsx';
import type { StatusTone } from '../../../ui/StatusDot.tsx';
import { presenceLabels, presenceState } from '../../staff/index.ts';
import type { PresenceState } from '../../staff/index.ts';

const tones: Record<PresenceState, StatusTone> = {
  available: 'green',
  away: 'amber',
  offline: 'grey',
};

/** Each person's availability, live load against capacity, and how many chats sit pending. */
export function DeskTeam({ team }: { team: TeamMember[] }) {
  const headingId = 'sup-team-heading';
  const online = team.filter((person) => person.online).length;
  return (
    <section className="sup-team" aria-labelledby={headingId}>
      <div className="sup-team__heading">
        <h2 className="sup-section__title" id={headingId}>
          Team load
        </h2>
        <span className="sup-section__meta">{online} online</span>
      </div>
      {team.length === 0 ? (
        <p className="sup-team__empty">Nobody in the team matches these filters.</p>
      ) : (
        <ul className="sup-team__list">
          {team.map((person) => (
            <TeamRow key={person.id} person={person} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TeamRow({ person }: { person: TeamMember }) {
  const state = presenceState(person);
  const full = person.capacity > 0 && person.load >= person.capacity;
  const share = person.capacity > 0 ? Math.min(1, person.load / person.capacity) : 0;
  return (
    <li
      className="sup-team__item"
      aria-label={`${person.name}, ${presenceLabels[state]}, ${person.load} of ${person.capacity} live chats, ${person.pending} pending`}
    >
      <span className="sup-team__who">
        <StatusDot tone={tones[state]} />
        <span className="sup-team__name" title={person.name}>
          {person.name}
        </span>
        {person.role !== 'agent' ? (
          <span className="sup-team__role">{person.role === 'admin' ? 'Admin' : 'Supervisor'}</span>
        ) : null}
        <span className="sup-team__state">{presenceLabels[state]}</span>
      </span>
      <span className="sup-team__load" aria-hidden="true">
        <span className="sup-load" data-full={full || undefined}>
          <span className="sup-load__fill" style={{ width: `${Math.round(share * 100)}%` }} />
        </span>
        <span className="sup-load__count">
          {person.load}/{person.capacity}
        </span>
        <span className="sup-team__pending">{person.pending} pending</span>
      </span>
    </li>
  );
}
