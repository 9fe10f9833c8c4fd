import type {
  ChannelKind,
  Chat,
  ChatStatus,
  CustomerSummary,
  OpenTransfer,
} from '@parley/contract';
import type { StatusTone } from '../../ui/StatusDot.tsx';

/**
 * Groups an E.164 number for reading: `+27821234567` → `+27 82 123 4567`. Only the plans we
 * know are grouped; any other number is shown as stored rather than grouped wrongly.
 */
export function formatPhone(e164: string): string {
  const za = /^\+27(\d{2})(\d{3})(\d{4})$/.exec(e164);
  if (za) return `+27 ${za[1]} ${za[2]} ${za[3]}`;
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  const uk = /^\+44(\d{4})(\d{6})$/.exec(e164);
  if (uk) return `+44 ${uk[1]} ${uk[2]}`;
  return e164;
}

/** The customer's name, or their number while we do not know it. */
export function customerLabel(customer: CustomerSummary): string {
  return customer.name?.trim() || formatPhone(customer.phone);
}

export const channelLabels: Record<ChannelKind, { short: string; long: string }> = {
  whatsapp: { short: 'WA', long: 'WhatsApp' },
  webhook: { short: 'API', long: 'Signed webhook' },
  webchat: { short: 'Web', long: 'Web chat' },
  sms: { short: 'SMS', long: 'SMS' },
};

export const statusLabels: Record<ChatStatus, string> = {
  queued: 'Queued',
  live: 'Live',
  pending: 'Pending',
  closed: 'Closed',
};

export const statusTones: Record<ChatStatus, StatusTone> = {
  queued: 'blue',
  live: 'green',
  pending: 'amber',
  closed: 'grey',
};

/** One line for the list: what was said last, marked when it was our side speaking. */
export function previewText(chat: Chat, meId: string): string {
  if (!chat.lastMessage) return 'No messages yet';
  const text = chat.lastMessage.text.replace(/\s+/g, ' ').trim();
  if (chat.lastMessage.direction === 'in') return text;
  return `${chat.assignee?.id === meId ? 'You' : 'Agent'}: ${text}`;
}

/** "Agent Two", "Support", or "Agent Two in Sales": where an open transfer would send the chat. */
export function transferTarget(transfer: Pick<OpenTransfer, 'toAgent' | 'toDepartment'>): string {
  if (transfer.toAgent && transfer.toDepartment)
    return `${transfer.toAgent.name} in ${transfer.toDepartment.name}`;
  return transfer.toAgent?.name ?? transfer.toDepartment?.name ?? 'another agent';
}

/**
 * How a closed chat ended and who closed it, compact: "Closed by Lerato Mokoena · positive ·
 * Refund", "Ended by customer", "Closed: inactive". Null while open, or when the server did not say.
 */
export function closureText(chat: Pick<Chat, 'status' | 'closure' | 'sentiment'>): string | null {
  if (chat.status !== 'closed' || !chat.closure) return null;
  const { by, staff, tag } = chat.closure;
  const who =
    by === 'staff'
      ? `Closed by ${staff?.name ?? 'a former colleague'}`
      : by === 'customer'
        ? 'Ended by customer'
        : by === 'inactivity'
          ? 'Closed: inactive'
          : by === 'pending_timeout'
            ? 'Closed: pending timed out'
            : 'Closed by Parley';
  return [who, by === 'staff' ? chat.sentiment : null, tag].filter(Boolean).join(' · ');
}
