// Transfers: the offer expiry for the timer worker, and the withdrawal the chats' transitions run.
export { transferOfferTimer, withdrawOpenTransfer } from './transfer-endings.service.ts';
export type { TransferDeps } from './transfers.service.ts';
