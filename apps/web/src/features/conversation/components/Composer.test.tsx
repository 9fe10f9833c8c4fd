import type { AttachmentLimits, UploadedAttachment } from '@parley/contract';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeXhr } from '../../../test/FakeXhr.ts';
import { useFileDrafts } from '../../../ui/files/useFileDrafts.ts';
import { Composer } from './Composer.tsx';

const limits: AttachmentLimits = {
  maxBytes: 5_000_000,
  categories: ['images', 'documents'],
  contentTypes: ['image/jpeg', 'image/png', 'application/pdf'],
};

function Harness({ onSend }: { onSend: (text: string, files: UploadedAttachment[]) => void }) {
  const files = useFileDrafts({
    uploadUrl: '/api/chats/chat-1/attachments',
    limits,
    maxFiles: 10,
    describeError: (error) => (error instanceof Error ? error.message : 'failed'),
  });
  return <Composer chatId="chat-1" recipient="Thandi" onSend={onSend} files={files} />;
}

const file = (name: string, size: number, type: string) =>
  new File([new Uint8Array(size)], name, { type });

function setup() {
  const onSend = vi.fn<(text: string, files: UploadedAttachment[]) => void>();
  const view = render(<Harness onSend={onSend} />);
  const input = view.container.querySelector<HTMLInputElement>('input[type=file]')!;
  const pick = (...files: File[]) => fireEvent.change(input, { target: { files } });
  return { ...view, onSend, input, pick };
}

describe('Composer files', () => {
  beforeEach(() => FakeXhr.install());

  it('offers a paperclip that opens the file picker', () => {
    const { input } = setup();
    const click = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Attach files' }));
    expect(click).toHaveBeenCalled();
  });

  it('refuses a file over the size limit before uploading anything', () => {
    const { pick, onSend } = setup();
    pick(file('scan.pdf', 6_000_000, 'application/pdf'));
    expect(screen.getByRole('alert').textContent).toBe(
      'scan.pdf is 6 MB; files can be at most 5 MB.',
    );
    expect(FakeXhr.all).toHaveLength(0);
    expect((screen.getByRole('button', { name: /Send/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(onSend).not.toHaveBeenCalled();
  });

  it('refuses a type that is not allowed before uploading', () => {
    const { pick } = setup();
    pick(file('setup.exe', 100, 'application/x-msdownload'));
    expect(screen.getByRole('alert').textContent).toMatch(/isn’t allowed here/);
    expect(FakeXhr.all).toHaveLength(0);
  });

  it('uploads with progress, then sends the text with the uploaded file', async () => {
    const { pick, onSend } = setup();
    pick(file('box.jpg', 2000, 'image/jpeg'));
    const upload = FakeXhr.all[0]!;
    expect(upload.method).toBe('POST');
    expect(upload.url).toBe('/api/chats/chat-1/attachments');
    expect((upload.body!.get('file') as File).name).toBe('box.jpg');

    act(() => upload.progress(500, 2000));
    const bar = screen.getByRole('progressbar', {
      name: 'Uploading box.jpg',
    }) as HTMLProgressElement;
    expect(bar.value).toBe(0.25);
    expect(screen.getByText('Uploading… 25%')).toBeTruthy();
    // Nothing goes out while a file is still uploading.
    const send = screen.getByRole('button', { name: /Send/ }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);

    const uploaded = { id: 'att-9', name: 'box.jpg', contentType: 'image/jpeg', size: 2000 };
    await act(async () => upload.respond(201, uploaded));
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Is this the box?' } });
    fireEvent.click(send);
    expect(onSend).toHaveBeenCalledWith('Is this the box?', [uploaded]);
    expect(screen.queryByText('box.jpg')).toBeNull();
  });

  it('sends files without text', async () => {
    const { pick, onSend } = setup();
    pick(file('invoice.pdf', 100, 'application/pdf'));
    const uploaded = {
      id: 'att-1',
      name: 'invoice.pdf',
      contentType: 'application/pdf',
      size: 100,
    };
    await act(async () => FakeXhr.all[0]!.respond(201, uploaded));
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    expect(onSend).toHaveBeenCalledWith('', [uploaded]);
  });

  it('cancels an upload: the request is aborted and the file leaves the message', () => {
    const { pick } = setup();
    pick(file('big.pdf', 4_000_000, 'application/pdf'));
    const upload = FakeXhr.all[0]!;
    fireEvent.click(screen.getByRole('button', { name: 'Cancel uploading big.pdf' }));
    expect(upload.aborted).toBe(true);
    expect(screen.queryByText('big.pdf')).toBeNull();
  });

  it('shows a failed upload on its chip and retries it', async () => {
    const { pick } = setup();
    pick(file('box.png', 100, 'image/png'));
    await act(async () =>
      FakeXhr.all[0]!.respond(415, {
        title: 'Unsupported Media Type',
        detail: 'This type of file is not allowed.',
      }),
    );
    expect(screen.getByRole('alert').textContent).toBe('This type of file is not allowed.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry uploading box.png' }));
    expect(FakeXhr.all).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('takes pasted files, and leaves pasted text to the field', () => {
    setup();
    const field = screen.getByRole('textbox');
    fireEvent.paste(field, { clipboardData: { files: [file('shot.png', 100, 'image/png')] } });
    expect(FakeXhr.all).toHaveLength(1);
    expect(screen.getByText('shot.png')).toBeTruthy();
  });
});

describe('Composer focus', () => {
  it('takes the focus when it appears, so an opened chat is ready to answer', () => {
    render(<Composer chatId="chat-f1" recipient="Thandi" onSend={vi.fn()} />);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Reply to Thandi' }));
  });

  it('leaves the focus where someone is already typing', () => {
    const note = document.createElement('textarea');
    document.body.append(note);
    note.focus();
    render(<Composer chatId="chat-f2" recipient="Thandi" onSend={vi.fn()} />);
    expect(document.activeElement).toBe(note);
    note.remove();
  });

  it('Esc leaves the field and keeps the draft', () => {
    render(<Composer chatId="chat-f3" recipient="Thandi" onSend={vi.fn()} />);
    const field = screen.getByRole('textbox', { name: 'Reply to Thandi' });
    fireEvent.change(field, { target: { value: 'Half a thought' } });
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(document.activeElement).not.toBe(field);
    expect((field as HTMLTextAreaElement).value).toBe('Half a thought');
  });
});
