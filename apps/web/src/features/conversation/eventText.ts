import type { ChatEvent } from '@parley/contract';
import { clockTime } from '../../ui/time.ts';

/** Finds a colleague's name by id, for events that only carry the id (e.g. `unassigned.from`). */
export type StaffNames = (id: string) => string | undefined;

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

/** `{id, name}` or a bare id looked up in the staff list. */
function personIn(value: unknown, names?: StaffNames): string | null {
  if (typeof value === 'string') return names?.(value) ?? null;
  return nameIn(value);
}

/** ": “the note”" when there is one. */
const quoted = (value: unknown): string => {
  const note = text(value);
  return note ? `: “${note}”` : '';
};

/** " to Agent Two", " to Support", " to Agent Two in Sales" from `{agent?, department?}`. */
function transferTo(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const to = value as { agent?: unknown; department?: unknown };
  const agent = nameIn(to.agent);
  const department = nameIn(to.department);
  if (agent && department) return ` to ${agent} in ${department}`;
  const name = agent ?? department;
  return name ? ` to ${name}` : '';
}

const ticketReasons: Record<string, string> = {
  out_of_hours: 'out of hours',
  nobody_available: 'nobody was available',
  queue_timeout: 'waited too long in the queue',
};

/** " by Sam" when a person did it, "" when the system or the customer did. */
function by(event: ChatEvent): string {
  const name = actorName(event);
  return name ? ` by ${name}` : '';
}

/**
 * One line of what happened, as the conversation shows it in grey between messages:
 * "Assigned to Lerato Mokoena by routing", "Closed by Lerato Mokoena · neutral".
 */
export function describeEvent(event: ChatEvent, names?: StaffNames, customerName?: string): string {
  const data = event.data;
  const whose = `${nameIn(data.customer) ?? customerName ?? 'The customer'}’s`;
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
      if (data.reason === 'reply_timeout') {
        const agent = personIn(data.from, names);
        return `Went back to the queue: no reply from ${agent ?? 'its agent'} in time`;
      }
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
      if (data.withNote === true) parts.push('note added');
      return parts.join(' · ');
    }
    case 'ended_by_customer':
      return 'Ended by the customer';
    case 'inactivity_warning':
      return data.sent === false
        ? 'No inactivity warning sent: the customer opted out of messages'
        : 'Asked the customer if they are still there';
    case 'pending_warning':
      return data.sent === false
        ? 'No pending warning sent: the customer opted out of messages'
        : 'Told the customer the pending chat will close soon';
    case 'inactivity_timeout':
    case 'closed_inactive':
      return 'Closed for inactivity: the customer did not reply';
    case 'pending_auto_closed':
      return 'Closed automatically: pending too long without a reply';
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
      const offeredBy = personIn(data.by, names) ?? actorName(event);
      return `Transfer offered${transferTo(data.to)}${offeredBy ? ` by ${offeredBy}` : ''}${quoted(data.note)}`;
    }
    case 'transfer_accepted':
      return `Transfer accepted${by(event)}`;
    case 'transfer_rejected':
      return `Transfer rejected${by(event)}${quoted(data.reason)}`;
    case 'transfer_returned':
      return 'Transfer returned: nobody accepted in time';
    case 'transfer_withdrawn': {
      const reason = text(data.reason);
      return `Transfer withdrawn${reason ? `: ${reason}` : ''}`;
    }
    case 'observed': {
      const who = actorName(event) ?? 'A supervisor';
      const from = text(data.from);
      const to = text(data.to);
      return from && to
        ? `${who} observed from ${clockTime(from)} to ${clockTime(to)}`
        : `${who} observed`;
    }
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
    case 'ticket_created':
      return `Became a ticket: ${ticketReasons[String(data.reason)] ?? 'nobody could take it live'}`;
    case 'ticket_accepted':
      return `Ticket accepted${by(event)}`;
    case 'ticket_replied':
      return `Replied to the ticket${by(event)}`;
    case 'ticket_transferred': {
      const to = transferTo(data.to) || (nameIn(data.to) ? ` to ${nameIn(data.to)}` : '');
      return `Ticket transferred${to}${by(event)}`;
    }
    case 'ticket_closed': {
      if (data.reason === 'live_chat') return 'Ticket closed: the customer started a live chat';
      const closer = personIn(data.by, names) ?? actorName(event);
      return closer ? `Ticket closed by ${closer}` : 'Ticket closed';
    }
    case 'follows_ticket':
      return 'Started while the customer had an open ticket; the ticket was closed';
    case 'customer_number_changed': {
      const from = text(data.from) ?? text(data.oldPhone);
      const to = text(data.to) ?? text(data.newPhone);
      return from && to
        ? `${whose} number changed from ${from} to ${to}`
        : `${whose} number changed${to ? ` to ${to}` : ''}`;
    }
    case 'customer_identity_changed':
      return `${whose} WhatsApp security code changed`;
    case 'contact_left': {
      const contact = text(data.contact);
      return contact
        ? `The customer left ${contact} to be contacted on`
        : 'The customer left a way to be contacted';
    }
    default: {
      // A newer server's event: readable rather than hidden.
      const words = event.type.replace(/[_.]+/g, ' ').trim();
      return `${words.charAt(0).toUpperCase()}${words.slice(1)}${by(event)}`;
    }
  }
}

/**
 * Where an event line leads, when it names another conversation: a ticket closed because the
 * customer started a live chat links that chat; a chat that replaced a ticket links the ticket.
 */
export function eventLink(event: ChatEvent): { href: string; label: string } | null {
  const { data } = event;
  if (event.type === 'ticket_closed' && typeof data.chatId === 'string' && data.chatId)
    return { href: `/live/${encodeURIComponent(data.chatId)}`, label: 'Open the chat' };
  if (!event.type.startsWith('ticket_') && typeof data.ticketId === 'string' && data.ticketId)
    return {
      href: `/tickets/closed/${encodeURIComponent(data.ticketId)}`,
      label: 'Open the ticket',
    };
  return null;
}
