import type {
  ChatHistoryItem,
  ChatStatus,
  ProfileFieldChange,
  TicketHistoryItem,
  TicketReason,
  TicketStatus,
} from '@parley/contract';
import type { StatusTone } from '../../ui/StatusDot.tsx';
import { statusLabels, statusTones } from '../chats/index.ts';
import { reasonLabels, ticketStatusLabels, ticketStatusTones } from '../tickets/index.ts';

const sentimentWords = { positive: 'positive', neutral: 'neutral', negative: 'negative' } as const;

/**
 * The chat's state in words, its outcome once closed: "Live", "Pending", "Closed by Lerato
 * Mokoena · positive · Refund", "Ended by customer", "Closed by Parley".
 */
export function outcomeText(item: Pick<ChatHistoryItem, 'status' | 'outcome'>): string {
  if (item.status !== 'closed') return statusLabels[item.status];
  const { closedBy, sentiment, closer, tag } = item.outcome;
  const words =
    closedBy === 'customer'
      ? 'Ended by customer'
      : closedBy === 'system'
        ? 'Closed by Parley'
        : closer
          ? `Closed by ${closer.name}`
          : 'Closed';
  return [words, sentiment ? sentimentWords[sentiment] : null, tag].filter(Boolean).join(' · ');
}

export function outcomeTone(status: ChatStatus): StatusTone {
  return statusTones[status];
}

/** A ticket's state in words: "Unassigned", "Assigned to Sam Dube", "Closed". */
export function ticketOutcomeText(item: Pick<TicketHistoryItem, 'status' | 'assignee'>): string {
  if (item.status === 'assigned' && item.assignee) return `Assigned to ${item.assignee.name}`;
  return ticketStatusLabels[item.status];
}

export function ticketOutcomeTone(status: TicketStatus): StatusTone {
  return ticketStatusTones[status];
}

/** Why the conversation became a ticket, as the Tickets view words it. */
export function ticketReasonText(reason: TicketReason): string {
  return reasonLabels[reason];
}

/** "Lerato Mokoena", "Lerato Mokoena and Sam Dube", "Lerato Mokoena, Sam Dube and 1 more". */
export function agentNames(agents: ChatHistoryItem['agents']): string {
  const names = agents.map((agent) => agent.name);
  if (names.length === 0) return 'No agent';
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more`;
}

export function messageCount(count: number): string {
  return count === 1 ? '1 message' : `${count.toLocaleString()} messages`;
}

const fieldLabels: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  language: 'Language',
  company: 'Company',
  location: 'Location',
};

function fieldLabel(field: string): string {
  if (field.startsWith('customFields.')) return field.slice('customFields.'.length);
  return fieldLabels[field] ?? field;
}

function isFieldChange(value: unknown): value is ProfileFieldChange {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const text = (part: unknown) => part === null || part === undefined || typeof part === 'string';
  return typeof v.field === 'string' && text(v.from) && text(v.to);
}

/** The fields a profile save changed, read defensively: the event data is stored as it was sent. */
export function profileChanges(data: Record<string, unknown>): {
  label: string;
  from: string | null;
  to: string | null;
}[] {
  const fields = Array.isArray(data.fields) ? data.fields.filter(isFieldChange) : [];
  return fields.map((change) => ({
    label: fieldLabel(change.field),
    from: change.from ?? null,
    to: change.to ?? null,
  }));
}
