import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DeliveryStatus } from './DeliveryStatus.tsx';
import type { DeliveryState } from './DeliveryStatus.tsx';

function ticksOf(status: DeliveryState) {
  const { container, unmount } = render(<DeliveryStatus status={status} />);
  const mark = container.firstElementChild;
  const result = {
    label: mark?.getAttribute('aria-label') ?? mark?.textContent ?? null,
    paths: container.querySelectorAll('path').length,
    className: mark?.getAttribute('class') ?? '',
  };
  unmount();
  return result;
}

describe('DeliveryStatus', () => {
  it('shows a clock while queued or sending, one tick when sent, two when delivered or read', () => {
    expect(ticksOf('sending')).toMatchObject({ label: 'Sending' });
    expect(ticksOf('queued')).toMatchObject({ label: 'Queued' });
    expect(ticksOf('sent')).toMatchObject({ label: 'Sent', paths: 1 });
    expect(ticksOf('delivered')).toMatchObject({ label: 'Delivered', paths: 2 });
    expect(ticksOf('read')).toMatchObject({ label: 'Seen', paths: 2 });
  });

  it('colours only read ticks with the accent', () => {
    expect(ticksOf('read').className).toContain('delivery--read');
    expect(ticksOf('delivered').className).not.toContain('delivery--read');
  });

  it('says "Not delivered" with the reason when delivery failed', () => {
    render(<DeliveryStatus status="failed" failureReason="Number not on WhatsApp" />);
    expect(screen.getByText('Not delivered: Number not on WhatsApp')).toBeTruthy();
  });

  it('shows nothing for a received (customer) message', () => {
    const { container } = render(<DeliveryStatus status="received" />);
    expect(container.innerHTML).toBe('');
  });
});
