// Transfers: the offer expiry for the timer worker, and the withdrawal the chats' transitions run.
export {
  transferOfferTimer,
  type TransferDeps,
  withdrawOpenTransfer,
} from './transfers.service.ts';
