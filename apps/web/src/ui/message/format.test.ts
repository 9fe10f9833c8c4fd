import { describe, expect, it } from 'vitest';
import { durationLabel, fileSize, fileTypeLabel, fitInside, safeWebUrl } from './format.ts';

describe('message formats', () => {
  it('writes sizes as people read them', () => {
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(999)).toBe('999 bytes');
    expect(fileSize(1_200_000)).toBe('1.2 MB');
    expect(fileSize(640_000)).toBe('640 KB');
    expect(fileSize(16_000_000)).toBe('16 MB');
  });

  it('names file types', () => {
    expect(fileTypeLabel('application/pdf', 'a.pdf')).toBe('PDF');
    expect(fileTypeLabel('image/png', 'a.png')).toBe('PNG image');
    expect(fileTypeLabel('application/octet-stream', 'data.bin')).toBe('BIN');
    expect(fileTypeLabel('application/octet-stream', 'data')).toBe('File');
  });

  it('writes durations', () => {
    expect(durationLabel(42.4)).toBe('0:42');
    expect(durationLabel(725)).toBe('12:05');
    expect(durationLabel(3723)).toBe('1:02:03');
  });

  it('fits a picture in a box keeping its shape', () => {
    expect(fitInside(1200, 900, 240)).toEqual({ width: 240, height: 180 });
    expect(fitInside(100, 400, 240)).toEqual({ width: 60, height: 240 });
    expect(fitInside(100, 50, 240)).toEqual({ width: 100, height: 50 });
    expect(fitInside(null, null, 240)).toEqual({ width: 240, height: 180 });
  });

  it('lets only web addresses be links', () => {
    expect(safeWebUrl('https://maps.example/x')).toBe('https://maps.example/x');
    expect(safeWebUrl('javascript:alert(1)')).toBeNull();
    expect(safeWebUrl('data:text/html,hi')).toBeNull();
    expect(safeWebUrl('not a url')).toBeNull();
  });
});
