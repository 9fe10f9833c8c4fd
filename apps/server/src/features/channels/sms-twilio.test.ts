import { describe, expect, it } from 'vitest';
import { describeMms } from './sms-inbound.service.ts';
import { twilioMediaOf, twilioSignature, verifyTwilioSignature } from './sms-twilio.service.ts';

describe('twilioSignature', () => {
  // The example of Twilio's request-validation documentation.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+12349013030'],
    ['Digits', '1234'],
    ['From', '+12349013030'],
    ['To', '+18005551212'],
  ];

  it('matches Twilio’s documented example, whatever order the fields came in', () => {
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilioSignature('12345', url, [...params].reverse())).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('verifies against any of the URLs, and refuses a missing or repeated header', () => {
    const request = (signature: string | string[] | undefined) => ({
      urls: ['http://internal/x', url],
      params,
      signature,
    });
    expect(verifyTwilioSignature('12345', request('0/KCTR6DLpKmkAf8muzZqo1nDgQ='))).toBe(true);
    expect(verifyTwilioSignature('54321', request('0/KCTR6DLpKmkAf8muzZqo1nDgQ='))).toBe(false);
    expect(verifyTwilioSignature('12345', request(undefined))).toBe(false);
    expect(verifyTwilioSignature('12345', request(['a', 'b']))).toBe(false);
  });
});

describe('twilioMediaOf', () => {
  it('turns MediaUrlN and MediaContentTypeN into files fetched with Twilio credentials', () => {
    const media = twilioMediaOf([
      ['NumMedia', '2'],
      ['MediaUrl0', 'https://api.twilio.com/Media/ME1'],
      ['MediaContentType0', 'image/jpeg'],
      ['MediaUrl1', 'https://api.twilio.com/Media/ME2'],
      ['MediaContentType1', 'audio/amr'],
    ]);
    expect(media).toEqual([
      {
        source: {
          provider: 'url',
          url: 'https://api.twilio.com/Media/ME1',
          declaredType: 'image/jpeg',
          auth: 'twilio',
        },
        name: null,
        declaredType: 'image/jpeg',
      },
      {
        source: {
          provider: 'url',
          url: 'https://api.twilio.com/Media/ME2',
          declaredType: 'audio/amr',
          auth: 'twilio',
        },
        name: null,
        declaredType: 'audio/amr',
      },
    ]);
  });

  it('skips what is not a web URL and never takes more than ten files', () => {
    const params: [string, string][] = [['NumMedia', '50']];
    for (let i = 0; i < 50; i++) params.push([`MediaUrl${i}`, `https://m.example/${i}`]);
    params[1] = ['MediaUrl0', 'file:///etc/passwd'];
    const media = twilioMediaOf(params);
    expect(media).toHaveLength(9);
    expect(
      media.every((m) => m.source.provider === 'url' && m.source.url.startsWith('https:')),
    ).toBe(true);
    expect(twilioMediaOf([['NumMedia', 'lots']])).toEqual([]);
  });
});

describe('describeMms', () => {
  const file = (declaredType: string) => ({
    source: {
      provider: 'url' as const,
      url: 'https://m.example/1',
      declaredType,
      auth: 'twilio' as const,
    },
    name: null,
    declaredType,
  });

  it('reads a picture with its caption, and a document without one', () => {
    expect(describeMms('The broken box', [file('image/png')])).toEqual({
      text: '📷 Photo: The broken box',
      content: { kind: 'image', caption: 'The broken box' },
    });
    expect(describeMms('', [file('application/pdf')])).toEqual({
      text: '📄 Document',
      content: { kind: 'document', caption: null, fileName: null },
    });
    expect(describeMms('just text', [])).toEqual({ text: 'just text', content: null });
  });
});
