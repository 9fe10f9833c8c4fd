import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageBody } from './MessageBody.tsx';
import type { MessageParts } from './messageParts.ts';
import { buildAttachment, buildParts } from './testMessages.ts';

const show = (overrides: Partial<MessageParts>, audience: 'staff' | 'customer' = 'staff') =>
  render(<MessageBody message={buildParts(overrides)} audience={audience} />);

describe('MessageBody', () => {
  it('shows plain text as it was written', () => {
    show({ text: 'My order is late\nsince Monday' });
    expect(screen.getByText(/My order is late/).textContent).toBe('My order is late\nsince Monday');
  });

  it('makes web addresses links that open in a new tab without telling the page who sent it', () => {
    show({ text: 'Tracking: https://post.example.com/t/42). Thanks' });
    const link = screen.getByRole('link', { name: 'https://post.example.com/t/42' });
    expect(link.getAttribute('href')).toBe('https://post.example.com/t/42');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.closest('.message-text')?.textContent).toBe(
      'Tracking: https://post.example.com/t/42). Thanks',
    );
  });

  it('leaves a javascript: address and markup as plain text', () => {
    show({ text: 'javascript:alert(1) <img src=x onerror=alert(1)>' });
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/javascript:alert/).textContent).toBe(
      'javascript:alert(1) <img src=x onerror=alert(1)>',
    );
  });

  it('shows a photo as its thumbnail, alt text from the caption, its size reserved', () => {
    show({
      text: '📷 Photo: the broken box',
      content: { kind: 'image', caption: 'the broken box' },
      attachments: [buildAttachment()],
    });
    const image = screen.getByRole('img', { name: 'the broken box' });
    expect(image.getAttribute('src')).toBe('/api/attachments/att-1/thumbnail');
    // 1200×900 fitted into 240 px keeps its shape, so nothing moves when it loads.
    expect(image.getAttribute('width')).toBe('240');
    expect(image.getAttribute('height')).toBe('180');
    expect(screen.getByText('the broken box', { selector: '.message-text' })).toBeTruthy();
    expect(screen.queryByText(/📷/)).toBeNull();
  });

  it('names a photo without a caption after its sender, and uses the file without a thumbnail', () => {
    show({
      content: { kind: 'image', caption: null },
      attachments: [buildAttachment({ thumbnailUrl: null })],
    });
    const image = screen.getByRole('img', { name: 'Photo from Thandi Nkosi' });
    expect(image.getAttribute('src')).toBe('/api/attachments/att-1');
  });

  it('opens the full photo in a lightbox with a download link; Esc closes it and returns focus', async () => {
    show({ content: { kind: 'image', caption: 'receipt' }, attachments: [buildAttachment()] });
    const open = screen.getByRole('button', { name: 'Open the photo: receipt' });
    open.focus();
    expect(document.activeElement).toBe(open);
    fireEvent.click(open); // what Enter or Space does on a focused button

    const dialog = await screen.findByRole('dialog', { name: 'box.jpg' });
    expect(within(dialog).getByRole('img', { name: 'receipt' }).getAttribute('src')).toBe(
      '/api/attachments/att-1',
    );
    const download = within(dialog).getByRole('link', { name: 'Download' });
    expect(download.getAttribute('href')).toBe('/api/attachments/att-1');
    expect(download.hasAttribute('download')).toBe(true);
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));

    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(open);
  });

  it('shows a sticker as a small picture', () => {
    show({
      content: { kind: 'sticker', animated: false },
      attachments: [buildAttachment({ contentType: 'image/webp', thumbnailUrl: null })],
    });
    const sticker = screen.getByRole('img', { name: 'Sticker from Thandi Nkosi' });
    expect(sticker.className).toBe('media-sticker');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('plays a voice note with its label, and its length once the player knows it', () => {
    const { container } = show({
      content: { kind: 'audio', voice: true },
      attachments: [buildAttachment({ contentType: 'audio/ogg', name: 'voice.ogg' })],
    });
    const audio = container.querySelector('audio')!;
    expect(audio.hasAttribute('controls')).toBe(true);
    expect(audio.getAttribute('preload')).toBe('metadata');
    expect(audio.getAttribute('aria-label')).toBe('Voice message');
    Object.defineProperty(audio, 'duration', { value: 42.4 });
    fireEvent.loadedMetadata(audio);
    expect(screen.getByText(/Voice message/).textContent).toBe('Voice message · 0:42');
  });

  it('plays a video with its thumbnail as the poster', () => {
    const { container } = show({
      content: { kind: 'video', caption: 'the noise it makes' },
      attachments: [buildAttachment({ contentType: 'video/mp4', name: 'clip.mp4' })],
    });
    const video = container.querySelector('video')!;
    expect(video.getAttribute('poster')).toBe('/api/attachments/att-1/thumbnail');
    expect(video.getAttribute('preload')).toBe('metadata');
    expect(video.hasAttribute('controls')).toBe(true);
    expect(screen.getByText('the noise it makes')).toBeTruthy();
  });

  it('offers a document as a download card with its name, size and type', () => {
    show({
      content: { kind: 'document', caption: null, fileName: 'invoice.pdf' },
      attachments: [
        buildAttachment({
          name: 'invoice.pdf',
          contentType: 'application/pdf',
          size: 1_200_000,
          thumbnailUrl: null,
        }),
      ],
    });
    const card = screen.getByRole('link', { name: /invoice\.pdf/ });
    expect(card.getAttribute('href')).toBe('/api/attachments/att-1');
    expect(card.getAttribute('download')).toBe('invoice.pdf');
    expect(card.textContent).toContain('1.2 MB · PDF');
  });

  it('shows a file still being fetched as downloading, and a failed one with its reason', () => {
    const { rerender } = show({
      content: { kind: 'image', caption: null },
      attachments: [buildAttachment({ state: 'downloading', size: 0, thumbnailUrl: null })],
    });
    expect(screen.getByText('Downloading the photo…')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();

    rerender(
      <MessageBody
        audience="staff"
        message={buildParts({
          content: { kind: 'image', caption: null },
          attachments: [
            buildAttachment({ state: 'failed', failureReason: 'The file is larger than 16 MB' }),
          ],
        })}
      />,
    );
    const failed = screen.getByText(/Couldn’t get the photo/);
    expect(failed.textContent).toBe('Couldn’t get the photo: The file is larger than 16 MB');
    expect(failed.className).toContain('media-status--failed');
  });

  it('shows a location with its name, address and a safe map link', () => {
    show({
      content: {
        kind: 'location',
        latitude: -26.2,
        longitude: 28.04,
        name: 'Parcel depot',
        address: '1 Main Rd, Johannesburg',
        url: null,
        mapUrl: 'https://maps.google.com/?q=-26.2,28.04',
      },
    });
    expect(screen.getByText('Parcel depot')).toBeTruthy();
    expect(screen.getByText('1 Main Rd, Johannesburg')).toBeTruthy();
    const map = screen.getByRole('link', { name: /Open map/ });
    expect(map.getAttribute('href')).toBe('https://maps.google.com/?q=-26.2,28.04');
    expect(map.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('never links a map address that is not a web address', () => {
    show({
      content: {
        kind: 'location',
        latitude: 1,
        longitude: 2,
        name: null,
        address: null,
        url: null,
        mapUrl: 'javascript:alert(1)',
      },
    });
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('Shared location')).toBeTruthy();
  });

  it('shows each shared contact with its numbers, emails and organisation, and the action', () => {
    render(
      <MessageBody
        audience="staff"
        message={buildParts({
          content: {
            kind: 'contact',
            contacts: [
              {
                name: 'Sipho Dlamini',
                phones: [{ phone: '+27 82 555 0100', type: 'CELL' }],
                emails: ['sipho@example.com'],
                organization: 'Acme Couriers',
              },
              { name: 'Naledi', phones: [], emails: [], organization: null },
            ],
          },
        })}
        contactAction={(contact) => <button type="button">Start chat with {contact.name}</button>}
      />,
    );
    const cards = screen.getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    expect(cards[0]!.textContent).toContain('+27 82 555 0100');
    expect(cards[0]!.textContent).toContain('sipho@example.com');
    expect(cards[0]!.textContent).toContain('Acme Couriers');
    expect(within(cards[1]!).getByRole('button', { name: 'Start chat with Naledi' })).toBeTruthy();
  });

  it('shows a button reply as the choice with its description', () => {
    show({
      content: {
        kind: 'interactive',
        source: 'list',
        replyId: 'track',
        title: 'Track my order',
        description: 'Where is my parcel?',
      },
    });
    expect(screen.getByText(/Track my order/).textContent).toBe('↩ Chose: Track my order');
    expect(screen.getByText('Where is my parcel?')).toBeTruthy();
  });

  it('lists an order’s items', () => {
    show({
      content: {
        kind: 'order',
        catalogId: 'cat-1',
        note: 'Gift wrap please',
        items: [
          { productId: 'SKU-1', quantity: 2, price: 99.5, currency: 'ZAR' },
          { productId: 'SKU-2', quantity: 1, price: null, currency: null },
        ],
      },
    });
    expect(screen.getByText('3 items')).toBeTruthy();
    expect(screen.getByText(/2 × SKU-1/)).toBeTruthy();
    expect(screen.getByText(/1 × SKU-2/)).toBeTruthy();
    expect(screen.getByText('Gift wrap please')).toBeTruthy();
  });

  it('names what it cannot show', () => {
    show({
      text: 'Unsupported',
      content: { kind: 'unsupported', type: 'ephemeral', reason: null },
    });
    expect(screen.getByText('Unsupported message (ephemeral)')).toBeTruthy();
  });

  it('quotes the message replied to, as a way to it when it is on the page', () => {
    const target = document.createElement('div');
    target.id = 'message-m-0';
    target.tabIndex = -1;
    document.body.append(target);
    render(
      <MessageBody
        audience="staff"
        isLoaded={(id) => id === 'm-0'}
        message={buildParts({
          text: 'Yes that one',
          context: {
            replyTo: { messageId: 'm-0', text: 'Is this your parcel?' },
            forwarded: false,
            frequentlyForwarded: false,
            referral: null,
          },
        })}
      />,
    );
    const quote = screen.getByRole('button', { name: /In reply to: Is this your parcel\?/ });
    fireEvent.click(quote);
    expect(document.activeElement).toBe(target);
    target.remove();
  });

  it('quotes without a link when the message replied to is not loaded', () => {
    show({
      context: {
        replyTo: { messageId: 'm-gone', text: 'an earlier message' },
        forwarded: true,
        frequentlyForwarded: false,
        referral: null,
      },
    });
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('an earlier message')).toBeTruthy();
    expect(screen.getByText('Forwarded')).toBeTruthy();
  });

  it('marks an edit, revealing the original wording on request', () => {
    show({ text: 'Order 1235', editedAt: '2030-01-01T09:01:00Z', originalText: 'Order 1234' });
    const toggle = screen.getByRole('button', { name: /Edited/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('Originally: Order 1234').hidden).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('Originally: Order 1234').hidden).toBe(false);
  });

  it('keeps a deleted message’s words for staff, struck through and marked', () => {
    const { container } = show({ text: 'my ID number is …', revokedAt: '2030-01-01T09:02:00Z' });
    expect(screen.getByText('Deleted by the customer')).toBeTruthy();
    expect(screen.getByText('my ID number is …')).toBeTruthy();
    expect(container.querySelector('[data-revoked]')).not.toBeNull();
  });
});
