import { tagNameProblem } from '@parley/contract';
import type { WrapUpTag } from '@parley/contract';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { serverFieldError } from '../fieldErrors.ts';
import { useCreateTag, useDeleteTag, useTags } from '../hooks/useTags.ts';
import type { AdminPageProps } from '../adminPage.ts';
import { AdminButton, AdminListState, AdminPageHeader } from './AdminControls.tsx';

export function TagsPage({ readOnly }: AdminPageProps) {
  const tags = useTags();
  const [deleting, setDeleting] = useState<WrapUpTag | null>(null);
  return (
    <>
      <AdminPageHeader
        title="Wrap-up tags"
        description="Agents pick one of these when they close a chat, so reports can say why people wrote."
      />
      <AddTagForm readOnly={readOnly} />
      <AdminListState
        query={tags}
        noun="tags"
        columns={2}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState
            title="No wrap-up tags yet."
            description="Add the reasons people write to you, such as “Order status” or “Refund”."
          />
        }
      >
        {(data) => (
          <table className="admin-table admin-table--narrow">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...data]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((tag) => (
                  <tr key={tag.id}>
                    <th scope="row" className="admin-table__name">
                      {tag.name}
                    </th>
                    <td className="admin-table__actions">
                      <AdminButton
                        readOnly={readOnly}
                        size="sm"
                        variant="ghost"
                        aria-label={`Delete ${tag.name}`}
                        onClick={() => setDeleting(tag)}
                      >
                        Delete
                      </AdminButton>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </AdminListState>
      <DeleteTagDialog tag={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

/** Adds a tag in place: the field stays focused so several can be typed one after another. */
function AddTagForm({ readOnly }: { readOnly: boolean }) {
  const create = useCreateTag();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const id = useId();
  const error =
    problem ??
    serverFieldError(create.error, 'name') ??
    (create.isError && !isApiError(create.error, 422) ? describeError(create.error) : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const found = tagNameProblem(trimmed);
    setProblem(found);
    if (found) return;
    create.mutate(trimmed, { onSuccess: () => setName('') });
  };

  return (
    <form className="admin-inline-form" onSubmit={onSubmit} noValidate>
      <div className="field admin-inline-form__field">
        <label htmlFor={id} className="visually-hidden">
          New tag
        </label>
        <input
          id={id}
          className="input"
          placeholder="New tag, e.g. Refund"
          value={name}
          disabled={readOnly}
          autoComplete="off"
          onChange={(event) => {
            setName(event.target.value);
            setProblem(undefined);
            create.reset();
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="field__error">
            {error}
          </p>
        ) : null}
      </div>
      <AdminButton readOnly={readOnly} type="submit" variant="primary" pending={create.isPending}>
        Add tag
      </AdminButton>
    </form>
  );
}

function DeleteTagDialog({ tag, onClose }: { tag: WrapUpTag | null; onClose: () => void }) {
  const remove = useDeleteTag();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={tag !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Delete “${tag?.name ?? ''}”?`}
      description="Agents will no longer be offered this tag. Chats already closed with it keep it."
      confirmLabel="Delete tag"
      pending={remove.isPending}
      error={remove.isError ? describeError(remove.error) : null}
      onConfirm={() => tag && remove.mutate(tag.id, { onSuccess: close })}
    />
  );
}
