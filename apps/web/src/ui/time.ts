const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact and relative when recent ("now", "2 m", "3 h", "4 d"), a short date after a week. */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return 'now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} m`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h`;
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} d`;
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
  }).format(at);
}

/** The same moment in words, for screen readers ("2 minutes ago"). */
export function relativeTimeInWords(iso: string, now: number): string {
  const ago = Math.max(0, now - Date.parse(iso));
  const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return words.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return words.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return words.format(-Math.floor(ago / DAY), 'day');
  return absoluteTime(iso);
}

/** Date and time in the viewer's time zone, for hover titles. */
export function absoluteTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    Date.parse(iso),
  );
}

/** Time of day only ("09:12"). */
export function clockTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(Date.parse(iso));
}

/**
 * Time of day without a leading zero ("3:05 PM", or "3:05" where the clock has 24 hours), as the
 * widget shows it to customers; the desk's clockTime pads the hour in 24-hour locales.
 */
export function hourMinute(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(
    Date.parse(iso),
  );
}

/** Whether two moments fall on the same calendar day in the viewer's time zone. */
export function sameDay(first: string | number, second: string | number): boolean {
  return new Date(first).toDateString() === new Date(second).toDateString();
}

const startOfDay = (date: Date) =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/**
 * A day heading for a conversation: "Today", "Yesterday", or the date. The desk's is short with
 * the year when it is not this one ("Mon, 3 Nov"); the widget's is spelled out ("Monday,
 * 3 November").
 */
export function dayLabel(
  iso: string,
  { now = Date.now(), style = 'short' }: { now?: number; style?: 'short' | 'long' } = {},
): string {
  const day = new Date(Date.parse(iso));
  const today = new Date(now);
  const days = Math.round((startOfDay(today) - startOfDay(day)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (style === 'long')
    return new Intl.DateTimeFormat(undefined, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    }).format(day);
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: day.getFullYear() === today.getFullYear() ? undefined : 'numeric',
  }).format(day);
}
