import type { ChatEvent } from '@parley/contract';
import { absoluteTime, clockTime } from '../../../ui/time.ts';
import { describeEvent } from '../eventText.ts';

/** A change in the chat's life, as a small grey line: "Assigned to Sam by routing · 09:12". */
export function EventLine({ event }: { event: ChatEvent }) {
  return (
    <li className="event-line" data-type={event.type}>
      <span className="event-line__text">
        {describeEvent(event)} ·{' '}
        <time dateTime={event.at} title={absoluteTime(event.at)}>
          {clockTime(event.at)}
        </time>
      </span>
    </li>
  );
}
