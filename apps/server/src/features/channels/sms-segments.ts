/*
 * How text travels as SMS (3GPP TS 23.038 and 23.040). A message is one segment of 160 GSM-7
 * characters or 70 UCS-2 units; a longer one goes as parts of 153 or 67, each carrying a User
 * Data Header that says which message it belongs to (a reference), how many parts there are, and
 * which one this is. Phones join the parts; some providers hand them to us one by one.
 */

/** The GSM 03.38 default alphabet: one septet each. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: an escape septet and one more, so two each. */
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'gsm7' | 'ucs2';

export const SINGLE_LIMIT: Record<SmsEncoding, number> = { gsm7: 160, ucs2: 70 };
/** Each part of a long message gives 6 octets to its header: 7 septets, or 3 UCS-2 units. */
export const PART_LIMIT: Record<SmsEncoding, number> = { gsm7: 153, ucs2: 67 };

/** What a character costs in its encoding: septets for GSM-7, UTF-16 units for UCS-2. */
const gsmCost = (char: string) => (GSM_BASIC.has(char) ? 1 : GSM_EXTENSION.has(char) ? 2 : 0);

/** GSM-7 when every character is in its alphabet or extension table, else UCS-2. */
export function smsEncodingOf(text: string): SmsEncoding {
  for (const char of text) if (gsmCost(char) === 0) return 'ucs2';
  return 'gsm7';
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The pieces a part may not cut: a GSM-7 character with its escape, or a UCS-2 grapheme (an
 * emoji with its modifiers and joiners) when it fits in one part, else its code points, so a
 * surrogate pair is never split.
 */
function unitsOf(text: string, encoding: SmsEncoding): { text: string; cost: number }[] {
  if (encoding === 'gsm7') return [...text].map((char) => ({ text: char, cost: gsmCost(char) }));
  return [...graphemes.segment(text)].flatMap(({ segment }) =>
    segment.length <= PART_LIMIT.ucs2
      ? [{ text: segment, cost: segment.length }]
      : [...segment].map((char) => ({ text: char, cost: char.length })),
  );
}

/** The segments a text goes as: one when it fits, else parts of 153 GSM-7 or 67 UCS-2 units. */
export function splitSms(text: string): { encoding: SmsEncoding; segments: string[] } {
  const encoding = smsEncodingOf(text);
  const units = unitsOf(text, encoding);
  const total = units.reduce((sum, unit) => sum + unit.cost, 0);
  if (total <= SINGLE_LIMIT[encoding]) return { encoding, segments: [text] };
  const segments: string[] = [];
  let current = '';
  let used = 0;
  for (const unit of units) {
    if (used + unit.cost > PART_LIMIT[encoding]) {
      segments.push(current);
      current = '';
      used = 0;
    }
    current += unit.text;
    used += unit.cost;
  }
  if (current !== '') segments.push(current);
  return { encoding, segments };
}

/**
 * A text cut into what one provider request may carry: whole segments, at most `maxSegments` of
 * them, so the provider's own concatenation rebuilds each request's text exactly.
 */
export function chunkSms(text: string, maxSegments: number): string[] {
  const { segments } = splitSms(text);
  const chunks: string[] = [];
  for (let i = 0; i < segments.length; i += maxSegments)
    chunks.push(segments.slice(i, i + maxSegments).join(''));
  return chunks;
}

/** Where a part belongs: its message's reference, how many parts, and its place (from 1). */
export type Concatenation = { reference: number; total: number; sequence: number };

/**
 * The concatenation element of a User Data Header given as hex (Clickatell's `udh`): IEI 0x00
 * with an 8-bit reference, or 0x08 with a 16-bit one. Undefined when there is none, or it is
 * malformed; such a message is then taken as it is.
 */
export function parseConcatenation(udhHex: string | null | undefined): Concatenation | undefined {
  const hex = udhHex?.trim() ?? '';
  if (hex === '' || !/^([0-9a-fA-F]{2})+$/.test(hex)) return undefined;
  const bytes = Buffer.from(hex, 'hex');
  const length = bytes[0]!;
  if (length + 1 > bytes.length) return undefined;
  let at = 1;
  while (at + 1 <= length) {
    const iei = bytes[at]!;
    const size = bytes[at + 1]!;
    const data = bytes.subarray(at + 2, at + 2 + size);
    if (data.length < size) return undefined;
    const concatenation =
      iei === 0x00 && size === 3
        ? { reference: data[0]!, total: data[1]!, sequence: data[2]! }
        : iei === 0x08 && size === 4
          ? { reference: data.readUInt16BE(0), total: data[2]!, sequence: data[3]! }
          : undefined;
    if (concatenation)
      return concatenation.total >= 1 &&
        concatenation.sequence >= 1 &&
        concatenation.sequence <= concatenation.total
        ? concatenation
        : undefined;
    at += 2 + size;
  }
  return undefined;
}

/** The header a part carries (8-bit reference), as hex: for the fake provider and tests. */
export const concatenationUdh = ({ reference, total, sequence }: Concatenation) =>
  Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, sequence])
    .toString('hex')
    .toUpperCase();

/**
 * The parts' texts in order, each place once (a repeated part counts once). Missing places are
 * marked, so a message stored before all its parts came says so rather than reading as whole.
 */
export function joinSmsParts(
  parts: { sequence: number; text: string }[],
  total: number,
): { text: string; complete: boolean } {
  const bySequence = new Map<number, string>();
  for (const part of parts)
    if (part.sequence >= 1 && part.sequence <= total && !bySequence.has(part.sequence))
      bySequence.set(part.sequence, part.text);
  const pieces: string[] = [];
  for (let sequence = 1; sequence <= total; sequence++) {
    const text = bySequence.get(sequence);
    if (text !== undefined) pieces.push(text);
    else if (pieces.at(-1) !== MISSING_PART) pieces.push(MISSING_PART);
  }
  const complete = bySequence.size === total;
  return { text: complete ? pieces.join('') : pieces.join(' ').trim(), complete };
}

/** Where a part never came, in a message stored without it. */
export const MISSING_PART = '[…part missing…]';
