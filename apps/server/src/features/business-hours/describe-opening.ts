import { DateTime } from 'luxon';

/*
 * "today at 09:00", "môre om 08:30", "na segunda-feira às 09:00": the next opening in the
 * customer's language, for the out-of-hours auto-reply. The day and month names come from Intl;
 * the few words around them come from the phrasings below. A language without a phrasing gets
 * Intl's own weekday and time ("月曜日 09:00"), never English words in another language.
 */

type Phrasing = {
  today: (time: string) => string;
  tomorrow: (time: string) => string;
  /** Within the coming week: the weekday's name. */
  weekday: (weekday: string, time: string) => string;
  /** Further away: the day and month ("25 December"). */
  date: (date: string, time: string) => string;
};

const phrasings: Record<string, Phrasing> = {
  en: {
    today: (t) => `today at ${t}`,
    tomorrow: (t) => `tomorrow at ${t}`,
    weekday: (w, t) => `on ${w} at ${t}`,
    date: (d, t) => `on ${d} at ${t}`,
  },
  af: {
    today: (t) => `vandag om ${t}`,
    tomorrow: (t) => `môre om ${t}`,
    weekday: (w, t) => `op ${w} om ${t}`,
    date: (d, t) => `op ${d} om ${t}`,
  },
  nl: {
    today: (t) => `vandaag om ${t}`,
    tomorrow: (t) => `morgen om ${t}`,
    weekday: (w, t) => `op ${w} om ${t}`,
    date: (d, t) => `op ${d} om ${t}`,
  },
  de: {
    today: (t) => `heute um ${t}`,
    tomorrow: (t) => `morgen um ${t}`,
    weekday: (w, t) => `am ${w} um ${t}`,
    date: (d, t) => `am ${d} um ${t}`,
  },
  pt: {
    today: (t) => `hoje ${atPt(t)}`,
    tomorrow: (t) => `amanhã ${atPt(t)}`,
    // Saturday and Sunday are masculine in Portuguese, the -feira days feminine.
    weekday: (w, t) => `${/^(sábado|domingo)/i.test(w) ? 'no' : 'na'} ${w} ${atPt(t)}`,
    date: (d, t) => `em ${d} ${atPt(t)}`,
  },
  es: {
    today: (t) => `hoy ${atEs(t)}`,
    tomorrow: (t) => `mañana ${atEs(t)}`,
    weekday: (w, t) => `el ${w} ${atEs(t)}`,
    date: (d, t) => `el ${d} ${atEs(t)}`,
  },
  fr: {
    today: (t) => `aujourd’hui à ${t}`,
    tomorrow: (t) => `demain à ${t}`,
    weekday: (w, t) => `${w} à ${t}`,
    date: (d, t) => `le ${d} à ${t}`,
  },
};

/** One o'clock is singular in Portuguese and Spanish: "à 01:00", "a la 01:00". */
const atPt = (t: string) => `${t.startsWith('01:') ? 'à' : 'às'} ${t}`;
const atEs = (t: string) => `${t.startsWith('01:') ? 'a la' : 'a las'} ${t}`;

/** The language as Intl takes it, or English when the tag is not a language at all. */
function localeOf(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * The opening at `at` as the customer reads it, in `language` (a tag such as "pt-BR"), on the
 * department's clock (`timeZone`), relative to `now`: "today at 09:00", "tomorrow at 08:30",
 * "on Monday at 09:00", "on 4 January at 09:00".
 */
export function describeOpening(at: Date, timeZone: string, language: string, now: Date): string {
  const locale = localeOf(language);
  const opening = DateTime.fromJSDate(at, { zone: timeZone });
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const days = Math.round(opening.startOf('day').diff(today, 'days').days);
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(at);
  const time = format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const phrasing = phrasings[locale.split('-')[0]!.toLowerCase()];
  if (!phrasing) {
    const withinWeek = days < 7;
    return format({
      ...(withinWeek ? {} : { day: 'numeric', month: 'long' }),
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }
  if (days <= 0) return phrasing.today(time);
  if (days === 1) return phrasing.tomorrow(time);
  if (days < 7) return phrasing.weekday(format({ weekday: 'long' }), time);
  return phrasing.date(format({ day: 'numeric', month: 'long' }), time);
}
