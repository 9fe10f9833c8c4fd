import type { Customer, CustomerPatchBody, EditableCustomerField } from '@parley/contract';
import { editableCustomerFields } from '@parley/contract';

export type CustomFieldRow = { key: string; name: string; value: string };

/** The profile form's state: every field as text, custom fields as ordered rows. */
export type ProfileDraft = Record<EditableCustomerField, string> & {
  customFields: CustomFieldRow[];
};

export const fieldLabels: Record<EditableCustomerField, string> = {
  name: 'Name',
  email: 'Email',
  language: 'Language',
  company: 'Company',
  location: 'Location',
};

let rowSerial = 0;
export const newRowKey = () => `row-${++rowSerial}`;

export function toDraft(customer: Customer): ProfileDraft {
  return {
    name: customer.name ?? '',
    email: customer.email ?? '',
    language: customer.language ?? '',
    company: customer.company ?? '',
    location: customer.location ?? '',
    customFields: Object.entries(customer.customFields).map(([name, value]) => ({
      key: newRowKey(),
      name,
      value,
    })),
  };
}

/** Custom field rows as the server will read them: trimmed, empty values dropped. */
function customMap(rows: CustomFieldRow[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const row of rows) {
    const name = row.name.trim();
    const value = row.value.trim();
    if (name !== '' && value !== '' && !Object.hasOwn(map, name)) map[name] = value;
  }
  return map;
}

const sameMap = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * Only what the person changed, so a save never re-sends (and so never reverts) a field they
 * did not touch. Custom fields go as a whole set when any of them changed.
 */
export function draftPatch(base: Customer, draft: ProfileDraft): CustomerPatchBody {
  const patch: CustomerPatchBody = {};
  for (const field of editableCustomerFields) {
    if (draft[field].trim() !== (base[field] ?? '')) patch[field] = draft[field].trim();
  }
  const rows = draft.customFields.filter(
    (row) => row.name.trim() !== '' || row.value.trim() !== '',
  );
  // A row with a value but no name must reach the server to be refused, not vanish quietly.
  const unnamed = rows.some((row) => row.name.trim() === '');
  const custom = customMap(rows);
  if (unnamed || !sameMap(custom, base.customFields)) {
    const sent: Record<string, string> = { ...custom };
    for (const r of rows) if (r.name.trim() === '') sent[''] = r.value;
    patch.customFields = sent;
  }
  return patch;
}

/** Every field as `field` or `customFields.<name>` → text ('' when empty). */
type Flat = Record<string, string>;

function flattenCustomer(customer: Customer): Flat {
  const flat: Flat = {};
  for (const field of editableCustomerFields) flat[field] = customer[field] ?? '';
  for (const [name, value] of Object.entries(customer.customFields))
    flat[`customFields.${name}`] = value;
  return flat;
}

function flattenDraft(draft: ProfileDraft): Flat {
  const flat: Flat = {};
  for (const field of editableCustomerFields) flat[field] = draft[field].trim();
  for (const [name, value] of Object.entries(customMap(draft.customFields)))
    flat[`customFields.${name}`] = value;
  return flat;
}

export function labelOf(field: string): string {
  if (field.startsWith('customFields.')) return field.slice('customFields.'.length);
  return fieldLabels[field as EditableCustomerField] ?? field;
}

export type Conflict = { field: string; label: string; theirs: string; mine: string };

/**
 * Compares what the edit started from, what the person typed and what a colleague saved since.
 * A field only one side changed is no conflict: theirs is taken where the person did not touch
 * it. A field both changed differently is a conflict for the person to decide.
 */
export function findConflicts(base: Customer, draft: ProfileDraft, current: Customer) {
  const b = flattenCustomer(base);
  const m = flattenDraft(draft);
  const t = flattenCustomer(current);
  const conflicts: Conflict[] = [];
  const takenFromTheirs: string[] = [];
  for (const field of new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(t)])) {
    const was = b[field] ?? '';
    const mine = m[field] ?? '';
    const theirs = t[field] ?? '';
    if (theirs === was || mine === theirs) continue;
    if (mine === was) takenFromTheirs.push(labelOf(field));
    else conflicts.push({ field, label: labelOf(field), theirs, mine });
  }
  return { conflicts, takenFromTheirs };
}

export type Choice = 'theirs' | 'mine';

/**
 * The draft to save on top of `current`: their values where the person did not edit or chose
 * theirs, the person's where they chose to keep them.
 */
export function resolveDraft(
  base: Customer,
  draft: ProfileDraft,
  current: Customer,
  choices: Record<string, Choice>,
): ProfileDraft {
  const b = flattenCustomer(base);
  const m = flattenDraft(draft);
  const t = flattenCustomer(current);
  const pick = (field: string) => {
    const was = b[field] ?? '';
    const mine = m[field] ?? '';
    const theirs = t[field] ?? '';
    if (theirs === was) return mine;
    if (mine === was) return theirs;
    return choices[field] === 'mine' ? mine : theirs;
  };
  const resolved: ProfileDraft = { ...draft, customFields: [] };
  for (const field of editableCustomerFields) resolved[field] = pick(field);
  const names = [
    ...draft.customFields.map((row) => row.name.trim()),
    ...Object.keys(current.customFields),
  ];
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    const value = pick(`customFields.${name}`);
    if (value !== '') resolved.customFields.push({ key: newRowKey(), name, value });
  }
  return resolved;
}
