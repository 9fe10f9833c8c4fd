import type { ChatEvent } from '@parley/contract';

function actorName(event: ChatEvent): string | null {
  return event.actor.kind === 'staff' ? event.actor.name : null;
}

function nameIn(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && 'name' in value) {
    const name = (value as { name: unknown }).name;
    return typeof name === 'string' ? name : null;
  }
  return null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** " by Sam" when a person did it, "" when the system or the customer did. */
function by(event: ChatEvent): string {
  const name = actorName(event);
  return name ? ` by ${name}` : '';
}

/**
 * One line of what happened, as the conversation shows it in grey between messages:
 * "Assigned to Lerato Mokoena by routing", "Closed by Lerato Mokoena · neutral".
 */
export function describeEvent(event: ChatEvent): string {
  const data = event.data;
  switch (event.type) {
    case 'queued':
      return 'Queued';
    case 'assigned': {
      const to = nameIn(data.to) ?? 'an agent';
      const actor = actorName(event);
      if (data.by === 'routing' || !actor) return `Assigned to ${to} by routing`;
      if (event.actor.kind === 'staff' && nameIn(data.to) === actor) return `Accepted by ${actor}`;
      return `Assigned to ${to} by ${actor}`;
    }
    case 'accepted':
      return `Accepted${by(event)}`;
    case 'unassigned':
      return data.reason === 'agent_deactivated'
        ? `Back to the queue: its agent was deactivated${by(event)}`
        : `Back to the queue${by(event)}`;
    case 'pending':
      return 'Marked pending';
    case 'live_again':
    case 'resumed':
      return 'Live again';
    case 'flagged':
      return `Flagged${by(event)}`;
    case 'unflagged':
      return `Un-flagged${by(event)}`;
    case 'closed': {
      const parts = [event.actor.kind === 'staff' ? `Closed${by(event)}` : 'Closed'];
      if (text(data.sentiment)) parts.push(String(data.sentiment));
      if (text(data.tag)) parts.push(`#${String(data.tag)}`);
      return parts.join(' · ');
    }
    case 'ended_by_customer':
      return 'Ended by the customer';
    case 'inactivity_timeout':
    case 'closed_inactive':
      return 'Closed after inactivity';
    case 'reopened':
      return `Reopened${by(event)}`;
    case 'opted_out':
      return 'Opted out of messages (//stop)';
    case 'opted_in':
      return 'Opted in again by writing';
    case 'number_verified':
      return 'Number verified by the customer';
    case 'verified_elsewhere':
      return typeof data.continuedIn === 'string'
        ? 'Closed: the visitor verified the number and continues in the customer’s open chat'
        : 'Closed: the visitor verified a different number';
    case 'transferred': {
      const to = nameIn(data.toAgent) ?? nameIn(data.toDepartment) ?? nameIn(data.to);
      return `Transferred${to ? ` to ${to}` : ''}${by(event)}`;
    }
    case 'transfer_rejected':
      return `Transfer rejected${by(event)}`;
    case 'note_added':
      return `Note added${by(event)}`;
    case 'note_deleted':
      return `Note deleted${by(event)}`;
    case 'profile_changed':
      return `Profile changed${by(event)}`;
    case 'tagged': {
      const who = nameIn(data.who) ?? 'a colleague';
      const actor = actorName(event);
      return actor ? `${actor} tagged ${who}` : `${who} was tagged`;
    }
    default: {
      // A newer server's event: readable rather than hidden.
      const words = event.type.replace(/[_.]+/g, ' ').trim();
      return `${words.charAt(0).toUpperCase()}${words.slice(1)}${by(event)}`;
    }
  }
}
