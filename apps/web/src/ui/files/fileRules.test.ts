import { describe, expect, it } from 'vitest';
import { refuseFile } from './fileRules.ts';

const limits = {
  maxBytes: 1_000_000,
  categories: [],
  contentTypes: ['image/png', 'application/pdf'],
};
const file = (name: string, size: number, type: string) =>
  new File([new Uint8Array(size)], name, { type });

describe('refuseFile', () => {
  it('lets an allowed file within the size go', () => {
    expect(refuseFile(file('a.png', 10, 'image/png'), limits)).toBeNull();
  });
  it('refuses a file over the size limit, naming both sizes', () => {
    expect(refuseFile(file('big.pdf', 2_500_000, 'application/pdf'), limits)).toBe(
      'big.pdf is 2.5 MB; files can be at most 1 MB.',
    );
  });
  it('refuses a type the admin did not allow', () => {
    expect(refuseFile(file('run.exe', 10, 'application/x-msdownload'), limits)).toMatch(
      /run\.exe can’t be sent: this type of file \(application\/x-msdownload\) isn’t allowed/,
    );
  });
  it('leaves a type the browser cannot tell to the server', () => {
    expect(refuseFile(file('notes', 10, ''), limits)).toBeNull();
  });
  it('refuses an empty file', () => {
    expect(refuseFile(file('empty.png', 0, 'image/png'), limits)).toBe('empty.png is empty.');
  });
});
