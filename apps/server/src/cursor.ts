import { badRequest } from './errors.ts';

/** What each field of a cursor holds; anything else in a cursor was not written by us. */
export type CursorField = 'time' | 'uuid' | 'seq';
type FieldValue<F extends CursorField> = F extends 'seq' ? number : string;
export type CursorOf<S extends Record<string, CursorField>> = { [K in keyof S]: FieldValue<S[K]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Four-digit years only: a year like +275760 is a valid Date but overflows the database's range.
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const valid: Record<CursorField, (value: unknown) => boolean> = {
  time: (v) => typeof v === 'string' && TIME.test(v) && Number.isFinite(Date.parse(v)),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  // seq is a bigint column: a float, a negative or a number past 2^53 would fail in SQL (500).
  seq: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
};

/** Opaque pagination cursors: clients pass back what they were given, never build their own. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Reads a cursor back, checking every field's type and form, so a hand-edited one is a 400 here
 * rather than a failed cast in SQL (a 500).
 */
export function decodeCursor<S extends Record<string, CursorField>>(
  cursor: string | undefined,
  shape: S,
): CursorOf<S> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const fits =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(shape).every(([key, kind]) =>
      valid[kind]((value as Record<string, unknown>)[key]),
    );
  if (fits) return value as CursorOf<S>;
  throw badRequest('The cursor is not one this API gave out.', [
    { field: 'query.cursor', message: 'unknown cursor' },
  ]);
}
