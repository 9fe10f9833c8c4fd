import {
  cannedBodyProblem,
  cannedShortcutProblem,
  cannedTitleProblem,
  MAX_CANNED_BODY,
  MAX_CANNED_TITLE,
} from '@parley/contract';
import type { CannedReply } from '@parley/contract';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { DisabledWithReason } from '../../../ui/DisabledWithReason.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { useCreateCannedReply, useUpdateCannedReply } from '../hooks/useCannedReplies.ts';

type Fields = { title: string; shortcut: string; body: string; shared: boolean };
type FieldName = 'title' | 'shortcut' | 'body';

type CannedReplySheetProps = {
  open: boolean;
  /** The reply to change, or null for a new one. */
  reply: CannedReply | null;
  /** Whether the person may make a shared reply (supervisors and admins). */
  canShare: boolean;
  onClose: () => void;
};

export function CannedReplySheet({ open, reply, canShare, onClose }: CannedReplySheetProps) {
  return (
    <Sheet
      open={open}
      onOpenChange={(next) => (next ? undefined : onClose())}
      title={reply ? 'Edit canned reply' : 'New canned reply'}
      description="Placeholders such as {{customer.firstName}} are filled in when you insert the reply."
    >
      {open ? (
        <CannedReplyForm
          key={reply?.id ?? 'new'}
          reply={reply}
          canShare={canShare}
          onDone={onClose}
        />
      ) : null}
    </Sheet>
  );
}

function CannedReplyForm({
  reply,
  canShare,
  onDone,
}: {
  reply: CannedReply | null;
  canShare: boolean;
  onDone: () => void;
}) {
  const id = useId();
  const create = useCreateCannedReply();
  const update = useUpdateCannedReply();
  const mutation = reply ? update : create;
  const [fields, setFields] = useState<Fields>({
    title: reply?.title ?? '',
    shortcut: reply?.shortcut ?? '',
    body: reply?.body ?? '',
    shared: reply?.shared ?? false,
  });
  const [problems, setProblems] = useState<Partial<Record<FieldName, string>>>({});

  const serverProblem = (field: FieldName) =>
    isApiError(mutation.error, 422)
      ? mutation.error.fieldErrors.find((e) => e.field === field)?.message
      : undefined;
  const problemOf = (field: FieldName) => problems[field] ?? serverProblem(field);
  const otherError =
    mutation.isError && !(isApiError(mutation.error, 422) && mutation.error.fieldErrors.length > 0)
      ? describeError(mutation.error)
      : null;

  const set = (change: Partial<Fields>) => {
    setFields((now) => ({ ...now, ...change }));
    mutation.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const clean = {
      title: fields.title.trim(),
      shortcut: fields.shortcut.trim().replace(/^\//u, ''),
      body: fields.body.trim(),
    };
    const found = {
      title: cannedTitleProblem(clean.title),
      shortcut: cannedShortcutProblem(clean.shortcut),
      body: cannedBodyProblem(clean.body),
    };
    setProblems(found);
    if (found.title || found.shortcut || found.body) return;
    const shortcut = clean.shortcut || null;
    if (reply) update.mutate({ id: reply.id, ...clean, shortcut }, { onSuccess: onDone });
    else create.mutate({ ...clean, shortcut, shared: fields.shared }, { onSuccess: onDone });
  };

  const field = (name: FieldName) => ({
    id: `${id}-${name}`,
    'aria-invalid': problemOf(name) ? true : undefined,
    'aria-describedby': problemOf(name) ? `${id}-${name}-error` : `${id}-${name}-hint`,
  });
  const hint = (name: FieldName, text: string) =>
    problemOf(name) ? (
      <p id={`${id}-${name}-error`} className="field__error">
        {problemOf(name)}
      </p>
    ) : (
      <p id={`${id}-${name}-hint`} className="canned-form__hint">
        {text}
      </p>
    );

  const sharedBox = (
    <label className="canned-form__check">
      <input
        type="checkbox"
        checked={fields.shared}
        disabled={!canShare || reply !== null}
        onChange={(event) => set({ shared: event.target.checked })}
      />
      Shared with everyone
    </label>
  );

  return (
    <form className="canned-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          {...field('title')}
          className="input"
          autoComplete="off"
          value={fields.title}
          onChange={(event) => set({ title: event.target.value })}
        />
        {hint('title', `What the list shows; up to ${MAX_CANNED_TITLE} characters.`)}
      </div>
      <div className="field">
        <label htmlFor={`${id}-shortcut`}>Shortcut (optional)</label>
        <input
          {...field('shortcut')}
          className="input"
          autoComplete="off"
          placeholder="e.g. refund"
          value={fields.shortcut}
          onChange={(event) => set({ shortcut: event.target.value })}
        />
        {hint('shortcut', 'Type / and this to find the reply first.')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Reply</label>
        <textarea
          {...field('body')}
          className="input input--area"
          rows={8}
          value={fields.body}
          onChange={(event) => set({ body: event.target.value })}
        />
        {hint(
          'body',
          `Up to ${MAX_CANNED_BODY} characters. Placeholders: {{customer.name}}, {{customer.firstName}}, {{customer.phone}}, {{agent.name}}, {{agent.firstName}}.`,
        )}
      </div>
      {reply ? (
        <p className="canned-form__hint">
          {reply.shared
            ? 'A shared reply: everyone is offered it.'
            : 'A personal reply: only you see it.'}
        </p>
      ) : canShare ? (
        sharedBox
      ) : (
        <DisabledWithReason reason="Only supervisors and admins make shared replies">
          {sharedBox}
        </DisabledWithReason>
      )}
      {otherError ? (
        <p className="field__error" role="alert">
          {otherError}
        </p>
      ) : null}
      <div className="canned-form__actions">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {reply ? 'Save' : 'Save reply'}
        </Button>
      </div>
    </form>
  );
}
