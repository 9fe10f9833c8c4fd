import { describe, expect, it } from 'vitest';
import { isPrivateAddress, webhookUrlRefusal } from './webhook-url.ts';

describe('which addresses a webhook may not reach', () => {
  it('knows private, loopback, link-local and mapped addresses from public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd12::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of [
      '8.8.8.8',
      '172.32.0.1',
      '172.15.0.1',
      '100.128.0.1',
      '2001:db8::1',
      '::ffff:808:808',
    ])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('allows every well-formed URL when private targets are allowed, never a malformed one', () => {
    expect(webhookUrlRefusal('http://localhost:3000/x', true)).toBeUndefined();
    expect(webhookUrlRefusal('http://localhost:3000/x', false)).toEqual(expect.any(String));
    expect(webhookUrlRefusal('https://u:p@example.com/', true)).toEqual(expect.any(String));
    expect(webhookUrlRefusal('https://example.com/#frag', true)).toEqual(expect.any(String));
  });
});
