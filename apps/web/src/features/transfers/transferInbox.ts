import type { Me, OpenTransfer, Transfer, TransferInbox } from '@parley/contract';

/** The offer names me, or a department of mine with nobody named, and I did not send it. */
export function isOfferedToMe(transfer: OpenTransfer, me: Pick<Me, 'id' | 'departments'>): boolean {
  if (sentBy(transfer, me.id)) return false;
  if (transfer.toAgent) return transfer.toAgent.id === me.id;
  return me.departments.some((department) => department.id === transfer.toDepartment?.id);
}

/** I am the chat's agent it would leave, or the one who offered it. */
export function sentBy(transfer: OpenTransfer, meId: string): boolean {
  return transfer.from?.id === meId || transfer.offeredBy?.id === meId;
}

function isIncoming(transfer: Transfer, me: Pick<Me, 'id' | 'departments'>): boolean {
  return transfer.state === 'offered' && isOfferedToMe(transfer, me);
}

function isOutgoing(transfer: Transfer, meId: string): boolean {
  if (!sentBy(transfer, meId)) return false;
  if (transfer.state === 'offered') return true;
  return (
    (transfer.state === 'rejected' || transfer.state === 'returned') &&
    transfer.acknowledgedAt === null
  );
}

/** Replaces the item with the same id in place, or adds it first; a frame keeps a known preview. */
function upsert(items: Transfer[], transfer: Transfer): Transfer[] {
  const index = items.findIndex((item) => item.id === transfer.id);
  if (index === -1) return [transfer, ...items];
  const previous = items[index]!;
  const merged =
    transfer.preview || !previous.preview ? transfer : { ...transfer, preview: previous.preview };
  return items.map((item, i) => (i === index ? merged : item));
}

/**
 * A `transfer.updated` frame applied to my inbox: an offer to me appears while it is open and
 * goes when answered, returned or withdrawn; my own offer stays until I acknowledge its outcome.
 */
export function applyTransfer(
  inbox: TransferInbox,
  transfer: Transfer,
  me: Pick<Me, 'id' | 'departments'>,
): TransferInbox {
  const without = (items: Transfer[]) => items.filter((item) => item.id !== transfer.id);
  return {
    incoming: isIncoming(transfer, me) ? upsert(inbox.incoming, transfer) : without(inbox.incoming),
    outgoing: isOutgoing(transfer, me.id)
      ? upsert(inbox.outgoing, transfer)
      : without(inbox.outgoing),
  };
}

/** Whether this frame is a new offer to me, worth a sound and a look. */
export function isNewOffer(
  inbox: TransferInbox | undefined,
  transfer: Transfer,
  me: Pick<Me, 'id' | 'departments'>,
): boolean {
  return isIncoming(transfer, me) && !inbox?.incoming.some((item) => item.id === transfer.id);
}

/** Who offered it: the person who pressed Send, else the chat's agent. */
export function transferSender(transfer: Pick<OpenTransfer, 'from' | 'offeredBy'>): string {
  return transfer.offeredBy?.name ?? transfer.from?.name ?? 'A colleague';
}
