import type { ChatEvent, StaffPresence } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { absoluteTime, clockTime } from '../../../ui/time.ts';
import { staffQueryKey } from '../../staff/index.ts';
import { Link } from 'wouter';
import { describeEvent, eventLink } from '../eventText.ts';

/** A change in the chat's life, as a small grey line: "Assigned to Sam by routing · 09:12". */
export function EventLine({ event, customerName }: { event: ChatEvent; customerName?: string }) {
  const queryClient = useQueryClient();
  // Some events name a colleague by id only; the team list the desk already has knows them.
  const names = (id: string) =>
    queryClient.getQueryData<StaffPresence[]>(staffQueryKey)?.find((person) => person.id === id)
      ?.name;
  const link = eventLink(event);
  return (
    <li className="event-line" data-type={event.type}>
      <span className="event-line__text">
        {describeEvent(event, names, customerName)} ·{' '}
        <time dateTime={event.at} title={absoluteTime(event.at)}>
          {clockTime(event.at)}
        </time>
        {link ? (
          <>
            {' · '}
            <Link href={link.href} className="event-line__link">
              {link.label}
            </Link>
          </>
        ) : null}
      </span>
    </li>
  );
}
