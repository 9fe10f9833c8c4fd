import { describe, expect, it } from 'vitest';
import {
  chunkSms,
  concatenationUdh,
  joinSmsParts,
  MISSING_PART,
  parseConcatenation,
  smsEncodingOf,
  splitSms,
} from './sms-segments.ts';

describe('splitSms', () => {
  it('keeps a GSM-7 text of up to 160 characters in one segment', () => {
    const text = 'a'.repeat(160);
    expect(splitSms(text)).toEqual({ encoding: 'gsm7', segments: [text] });
  });

  it('cuts a longer GSM-7 text into parts of 153 characters', () => {
    const text = 'b'.repeat(161);
    const { encoding, segments } = splitSms(text);
    expect(encoding).toBe('gsm7');
    expect(segments.map((s) => s.length)).toEqual([153, 8]);
    expect(segments.join('')).toBe(text);
  });

  it('counts extension characters as two septets and never cuts one from its escape', () => {
    // 80 euro signs cost 160 septets: still one segment.
    expect(splitSms('€'.repeat(80)).segments).toHaveLength(1);
    // 152 letters and a brace: 154 septets, so the brace starts the second part.
    const text = `${'c'.repeat(152)}{${'d'.repeat(10)}`;
    const { encoding, segments } = splitSms(text);
    expect(encoding).toBe('gsm7');
    expect(segments[0]).toBe('c'.repeat(152));
    expect(segments[1]).toBe(`{${'d'.repeat(10)}`);
  });

  it('reads Greek capitals and accented letters of the alphabet as GSM-7, others as UCS-2', () => {
    expect(smsEncodingOf('ΔΦΓ àèé ÄÖÜ £¥§ ^{}[]~|€\\')).toBe('gsm7');
    expect(smsEncodingOf('Ça coûte 10 €')).toBe('ucs2'); // û is not in the alphabet
    expect(smsEncodingOf('Sawubona 👋')).toBe('ucs2');
  });

  it('goes UCS-2 for emoji: 70 units in one segment, 67 per part beyond', () => {
    // 35 + 17 × 2 = 69 units.
    expect(splitSms('é'.repeat(35) + '😀'.repeat(17)).segments).toHaveLength(1);
    const text = 'x'.repeat(66) + '😀' + 'y'.repeat(10);
    const { encoding, segments } = splitSms(text);
    expect(encoding).toBe('ucs2');
    // The emoji's surrogate pair would straddle the 67th unit: it moves whole to part two.
    expect(segments[0]).toBe('x'.repeat(66));
    expect(segments[1]).toBe(`😀${'y'.repeat(10)}`);
    expect(segments.join('')).toBe(text);
  });

  it('keeps a joined emoji (a family, a skin tone) in one part', () => {
    const family = '👩‍👩‍👧‍👦'; // 11 UTF-16 units
    const text = 'z'.repeat(60) + family + 'z'.repeat(20);
    const { segments } = splitSms(text);
    expect(segments[0]).toBe('z'.repeat(60));
    expect(segments[1]!.startsWith(family)).toBe(true);
    expect(segments.join('')).toBe(text);
  });
});

describe('chunkSms', () => {
  it('groups whole segments so each request stays within what the provider joins', () => {
    const text = 'q'.repeat(153 * 12);
    const chunks = chunkSms(text, 10);
    expect(chunks.map((c) => c.length)).toEqual([1530, 306]);
    expect(chunks.join('')).toBe(text);
    expect(chunkSms('short', 10)).toEqual(['short']);
  });
});

describe('parseConcatenation', () => {
  it('reads the 8-bit reference element (IEI 0x00)', () => {
    expect(parseConcatenation('050003CC0201')).toEqual({ reference: 0xcc, total: 2, sequence: 1 });
  });

  it('reads the 16-bit reference element (IEI 0x08)', () => {
    expect(parseConcatenation('06080412340302')).toEqual({
      reference: 0x1234,
      total: 3,
      sequence: 2,
    });
  });

  it('finds the element after others in the header', () => {
    // A port-addressing element (IEI 0x05, 4 octets) first, then concatenation.
    expect(parseConcatenation('0A050400000000' + '00037F0303')).toEqual({
      reference: 0x7f,
      total: 3,
      sequence: 3,
    });
  });

  it('takes no header, a malformed one, or an impossible place as no concatenation', () => {
    for (const udh of [undefined, null, '', 'zz', '0500', '050003CC0203', '050003CC0000'])
      expect(parseConcatenation(udh)).toBeUndefined();
  });

  it('round-trips the header it writes', () => {
    const part = { reference: 42, total: 4, sequence: 3 };
    expect(parseConcatenation(concatenationUdh(part))).toEqual(part);
  });
});

describe('joinSmsParts', () => {
  it('joins parts in order whatever order they came in, each place once', () => {
    const parts = [
      { sequence: 3, text: 'three' },
      { sequence: 1, text: 'one ' },
      { sequence: 2, text: 'two ' },
      { sequence: 1, text: 'one (again) ' },
    ];
    expect(joinSmsParts(parts, 3)).toEqual({ text: 'one two three', complete: true });
  });

  it('joins what split cut back into the text, emoji and extension characters included', () => {
    const text = `Hallo {wêreld} ${'😀'.repeat(40)} €${'ñ'.repeat(100)}`;
    const { segments } = splitSms(text);
    const shuffled = segments.map((s, i) => ({ sequence: i + 1, text: s })).reverse();
    expect(joinSmsParts(shuffled, segments.length)).toEqual({ text, complete: true });
  });

  it('marks the places of parts that never came', () => {
    expect(joinSmsParts([{ sequence: 2, text: 'middle' }], 4)).toEqual({
      text: `${MISSING_PART} middle ${MISSING_PART}`,
      complete: false,
    });
  });
});
