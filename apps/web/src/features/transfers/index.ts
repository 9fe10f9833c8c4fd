export { TransferCards } from './components/TransferCards.tsx';
export { TransferDialog } from './components/TransferDialog.tsx';
export { offeredCustomer } from './hooks/useTransfers.ts';
