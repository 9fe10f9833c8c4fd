import type { Me, Sentiment } from '@parley/contract';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import {
  Dialog,
  DialogActions,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from '../../../ui/Dialog.tsx';
import { useCloseChat } from '../../chats/index.ts';
import { conversationKeys, fetchWrapUpTags } from '../api.ts';
import { ReferencesField, withDraft } from './ReferencesField.tsx';

const sentiments: { value: Sentiment; label: string }[] = [
  { value: 'negative', label: 'Negative' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'positive', label: 'Positive' },
];

type WrapUpDialogProps = {
  chatId: string;
  customer: string;
  me: Me;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** Closing asks for the wrap-up; the chat closes only when the server agrees. */
export function WrapUpDialog({ chatId, customer, me, open, onOpenChange }: WrapUpDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="wrap-up">
        {/* Mounted only while open, so every opening starts from the defaults. */}
        <WrapUpForm
          chatId={chatId}
          customer={customer}
          me={me}
          onDone={() => onOpenChange(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

function WrapUpForm({
  chatId,
  customer,
  me,
  onDone,
}: {
  chatId: string;
  customer: string;
  me: Me;
  onDone: () => void;
}) {
  const tagId = useId();
  const noteId = useId();
  const [sentiment, setSentiment] = useState<Sentiment>('neutral');
  const [tag, setTag] = useState('');
  const [note, setNote] = useState('');
  const [references, setReferences] = useState<string[]>([]);
  const [draftReference, setDraftReference] = useState('');
  const close = useCloseChat(chatId, me);
  const fieldErrors = isApiError(close.error, 422) ? close.error.fieldErrors : [];
  const referenceErrors = fieldErrors.filter((error) => error.field.startsWith('references'));
  const otherErrors = fieldErrors.filter((error) => !error.field.startsWith('references'));
  const formError = !close.error
    ? null
    : otherErrors.length > 0
      ? otherErrors.map((error) => error.message).join(' ')
      : referenceErrors.length > 0
        ? null
        : describeError(close.error);
  const tags = useQuery({
    queryKey: conversationKeys.wrapUpTags,
    queryFn: ({ signal }) => fetchWrapUpTags(signal),
    staleTime: 60_000,
  });

  return (
    <form
      className="wrap-up__form"
      onSubmit={(event) => {
        event.preventDefault();
        if (close.isPending) return;
        const sent = withDraft(references, draftReference);
        close.mutate(
          {
            sentiment,
            ...(tag ? { tag } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(sent.length > 0 ? { references: sent } : {}),
          },
          { onSuccess: onDone },
        );
      }}
    >
      <DialogTitle>Close the chat with {customer}</DialogTitle>
      <DialogDescription>
        The wrap-up stays with the chat in the customer&apos;s history.
      </DialogDescription>

      <fieldset className="wrap-up__sentiment">
        <legend className="field__label">How did it go?</legend>
        <div className="segmented">
          {sentiments.map((option) => (
            <label key={option.value} className="segmented__option">
              <input
                type="radio"
                name="sentiment"
                value={option.value}
                checked={sentiment === option.value}
                onChange={() => setSentiment(option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor={tagId}>
          Tag <span className="field__optional">(optional)</span>
        </label>
        <select
          id={tagId}
          className="input"
          value={tag}
          disabled={!tags.data || tags.data.length === 0}
          aria-describedby={tags.data?.length === 0 || tags.isError ? `${tagId}-hint` : undefined}
          onChange={(event) => setTag(event.target.value)}
        >
          <option value="">{tags.isPending ? 'Loading tags…' : 'No tag'}</option>
          {tags.data?.map((option) => (
            <option key={option.id} value={option.name}>
              {option.name}
            </option>
          ))}
        </select>
        {tags.data?.length === 0 ? (
          <p className="field__hint" id={`${tagId}-hint`}>
            No wrap-up tags yet: an admin adds them in Admin → Wrap-up tags.
          </p>
        ) : tags.isError ? (
          <p className="field__hint" id={`${tagId}-hint`}>
            The tags could not be loaded; the chat can still be closed without one.
          </p>
        ) : null}
      </div>

      <div className="field">
        <label className="field__label" htmlFor={noteId}>
          Note <span className="field__optional">(optional)</span>
        </label>
        <textarea
          id={noteId}
          className="input input--area"
          rows={3}
          maxLength={5000}
          value={note}
          placeholder="What was asked, what was agreed"
          onChange={(event) => setNote(event.target.value)}
        />
      </div>

      <ReferencesField
        references={references}
        draft={draftReference}
        errors={referenceErrors}
        onChange={setReferences}
        onDraftChange={setDraftReference}
      />

      {formError ? (
        <p className="wrap-up__error" role="alert">
          {formError}
        </p>
      ) : null}

      <DialogActions>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" pending={close.isPending}>
          {close.isPending ? 'Closing…' : 'Close chat'}
        </Button>
      </DialogActions>
    </form>
  );
}
