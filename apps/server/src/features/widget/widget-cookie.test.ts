import { describe, expect, it } from 'vitest';
import { widgetCookieOptions } from './widget-cookie.ts';

describe('the widget cookie options', () => {
  it('are frame-proof over HTTPS on any host', () => {
    expect(widgetCookieOptions('chat 1', { protocol: 'https', hostname: 'chat.example' })).toEqual({
      path: '/api/widget/chat%201',
      httpOnly: true,
      sameSite: 'none',
      secure: true,
      partitioned: true,
    });
  });

  it('are Lax over plain HTTP except to a loopback host', () => {
    const over = (hostname: string) => widgetCookieOptions('c', { protocol: 'http', hostname });
    expect(over('chat.example').sameSite).toBe('lax');
    expect(over('10.0.0.5').secure).toBe(false);
    for (const loopback of ['localhost', '127.0.0.1', '[::1]']) {
      expect(over(loopback)).toMatchObject({ sameSite: 'none', secure: true, partitioned: true });
    }
  });
});
