export {
  canViewCustomer,
  customerRoomAuthorizer,
  getCustomer,
  type CustomerDeps,
} from './customers.service.ts';
export { recordCustomerEvent } from './customer-events.ts';
export { findCustomerRow, findStaffSummary, toCustomer } from './customers.repo.ts';
export { formatPhone, normalizePhone } from './phone.ts';
