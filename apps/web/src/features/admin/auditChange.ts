/** One line of an audit entry's before → after, e.g. name: Support → Sales. */
export type ChangeLine = { field: string; before: string | null; after: string | null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value short enough for a table cell: lists of people or tags read as their names. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? 'none' : value.map((item) => showValue(item)).join(', ');
  if (isRecord(value) && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
}

/**
 * Only the fields that changed, so a rename is one line, not the whole object twice. A created
 * object lists its fields with no before; a deleted one its fields with no after. Ids are noise.
 */
export function describeChange(before: unknown, after: unknown): ChangeLine[] {
  const beforeRecord = isRecord(before) ? before : null;
  const afterRecord = isRecord(after) ? after : null;
  if (!beforeRecord && !afterRecord) {
    if (before === after || (before == null && after == null)) return [];
    return [
      {
        field: 'value',
        before: before == null ? null : showValue(before),
        after: after == null ? null : showValue(after),
      },
    ];
  }
  const keys = [
    ...new Set([...Object.keys(beforeRecord ?? {}), ...Object.keys(afterRecord ?? {})]),
  ];
  return keys
    .filter((key) => key !== 'id')
    .filter((key) => JSON.stringify(beforeRecord?.[key]) !== JSON.stringify(afterRecord?.[key]))
    .map((key) => ({
      field: key,
      before: beforeRecord ? showValue(beforeRecord[key]) : null,
      after: afterRecord ? showValue(afterRecord[key]) : null,
    }));
}
