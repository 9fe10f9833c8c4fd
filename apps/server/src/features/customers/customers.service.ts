import type { Customer, CustomerSearchResult } from '@parley/contract';
import { AppError, badRequest, notFound } from '../../errors.ts';
import type { Principal, StaffPrincipal } from '../../principal.ts';
import { requireStaff } from '../../principal.ts';
import { type Notifier, transact } from '../../realtime/frames.ts';
import type { RoomAuthorizer } from '../../realtime/hub.ts';
import type { Db } from '../../db/client.ts';
import { rooms } from '../../realtime/rooms.ts';
import { enqueueWebhookEvent } from '../webhooks/index.ts';
import { recordCustomerEvent } from './customer-events.ts';
import {
  findCustomerRow,
  findStaffSummary,
  searchCustomerRows,
  toCustomer,
  updateCustomerIfVersion,
} from './customers.repo.ts';
import { diffProfile, readProfilePatch } from './profile-rules.ts';

export type CustomerDeps = { db: Db; notifier: Notifier };

/** Profiles are shared knowledge: every staff member may read any customer (and the system). */
export function canViewCustomer(principal: Principal): boolean {
  return principal.kind === 'staff' || principal.kind === 'system';
}

function assertCanView(principal: Principal) {
  if (!canViewCustomer(principal)) throw notFound('No such customer.');
}

/** Joins `customer:<id>` for any staff member, for customers that exist. */
export function customerRoomAuthorizer(db: Db): RoomAuthorizer {
  return async (principal: StaffPrincipal, id: string) =>
    canViewCustomer(principal) && (await findCustomerRow(db, id)) !== undefined;
}

export const etagOf = (customer: Pick<Customer, 'version'>) => `"${customer.version}"`;

/** A save from an older version: carries the profile as it is now, for the person to resolve. */
export class StaleProfileError extends AppError {
  constructor(readonly current: Customer) {
    super(
      412,
      'Precondition failed',
      'Someone else changed this profile since you opened it. Review their changes and save again.',
      undefined,
      { etag: etagOf(current) },
    );
  }
}

export async function getCustomer(
  deps: CustomerDeps,
  principal: Principal,
  id: string,
): Promise<Customer> {
  assertCanView(principal);
  const row = await findCustomerRow(deps.db, id);
  if (!row) throw notFound('No such customer.');
  return toCustomer(row);
}

export async function searchCustomers(
  deps: CustomerDeps,
  principal: Principal,
  search: string,
): Promise<CustomerSearchResult> {
  assertCanView(principal);
  return { items: await searchCustomerRows(deps.db, search, 20) };
}

const ifMatchField = [{ field: 'headers.if-match', message: 'one ETag, such as "3"' }];

/**
 * The one version an `If-Match` header names, e.g. `"3"`. Missing is 428. A list or `*` is 400:
 * a save is made from one view of the profile, and `*` (or a list holding an old version) would
 * let it overwrite a newer save it never saw.
 */
export function readIfMatch(header: string | undefined): number {
  const value = header?.trim() ?? '';
  if (value === '')
    throw new AppError(
      428,
      'Precondition required',
      'Send If-Match with the profile’s ETag (e.g. "3"), so a save cannot overwrite a newer one.',
    );
  if (value === '*' || value.includes(','))
    throw badRequest(
      'If-Match must name exactly one ETag, the one the edit started from (e.g. "3").',
      ifMatchField,
    );
  const version = /^"(\d{1,9})"$/.exec(value)?.[1];
  if (version === undefined)
    throw badRequest('If-Match must be an ETag this API gave out, such as "3".', ifMatchField);
  return Number(version);
}

/**
 * Saves a profile if it is still the version the editor started from. Only changed fields are
 * written, recorded as one `profile_changed` event and announced to everyone viewing it; a
 * save that changes nothing writes nothing and keeps the version.
 */
export async function updateProfile(
  deps: CustomerDeps,
  principal: Principal,
  id: string,
  ifMatch: string | undefined,
  body: Record<string, unknown>,
): Promise<Customer> {
  const editor = requireStaff(principal);
  if (!(await findCustomerRow(deps.db, id))) throw notFound('No such customer.');
  const version = readIfMatch(ifMatch);
  const changes = readProfilePatch(body);
  return transact(deps, async (tx, emit) => {
    const row = await findCustomerRow(tx, id);
    if (!row) throw notFound('No such customer.');
    if (row.version !== version) throw new StaleProfileError(toCustomer(row));
    const fields = diffProfile(row, changes);
    if (fields.length === 0) return toCustomer(row);
    const saved = await updateCustomerIfVersion(tx, id, version, changes);
    if (!saved) {
      // A concurrent save won between our read and our write.
      const now = await findCustomerRow(tx, id);
      if (!now) throw notFound('No such customer.');
      throw new StaleProfileError(toCustomer(now));
    }
    const customer = toCustomer(saved);
    const actor = (await findStaffSummary(tx, editor.staffId)) ?? {
      id: editor.staffId,
      name: 'Former colleague',
      role: editor.role,
    };
    await recordCustomerEvent(tx, emit, {
      customerId: id,
      chatId: null,
      type: 'profile_changed',
      actor,
      data: { fields },
    });
    await emit({ type: 'customer.updated', rooms: [rooms.customer(id)], data: customer });
    await enqueueWebhookEvent(tx, 'customer.updated', customer);
    return customer;
  });
}
