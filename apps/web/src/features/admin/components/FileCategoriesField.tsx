import { AttachmentCategory, attachmentCategoryTypes } from '@parley/contract';
import type { AttachmentCategory as Category } from '@parley/contract';
import { useId } from 'react';

const labels: Record<Category, { label: string; examples: string }> = {
  images: { label: 'Pictures', examples: 'JPEG, PNG, GIF, WebP' },
  audio: { label: 'Audio and voice notes', examples: 'Ogg, MP3, AAC, AMR, WAV' },
  video: { label: 'Video', examples: 'MP4, 3GP, WebM, QuickTime' },
  documents: { label: 'Documents', examples: 'PDF, Word, Excel, PowerPoint, OpenDocument, ZIP' },
  text: { label: 'Plain text and CSV', examples: 'TXT, CSV' },
};

type FileCategoriesFieldProps = {
  value: Category[];
  onChange: (next: Category[]) => void;
  readOnly: boolean;
};

/**
 * Which kinds of file staff and web-chat customers may attach, one checkbox each; none turns
 * attaching off. Files a customer sends on WhatsApp are always kept.
 */
export function FileCategoriesField({ value, onChange, readOnly }: FileCategoriesFieldProps) {
  const id = useId();
  const toggle = (category: Category, on: boolean) =>
    onChange(AttachmentCategory.options.filter((c) => (c === category ? on : value.includes(c))));
  return (
    <div className="settings-form__row">
      <div className="settings-form__text">
        <span className="field__label" id={`${id}-label`}>
          Allowed files
        </span>
        <p id={`${id}-hint`} className="settings-form__hint">
          Kinds of file staff and web-chat customers may attach. None switches attaching off.
        </p>
      </div>
      <div
        className="settings-form__control settings-form__checks"
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
      >
        {AttachmentCategory.options.map((category) => (
          <label key={category} className="settings-form__check">
            <input
              type="checkbox"
              checked={value.includes(category)}
              disabled={readOnly}
              onChange={(event) => toggle(category, event.target.checked)}
            />
            <span>
              {labels[category].label}
              <span
                className="settings-form__check-hint"
                title={attachmentCategoryTypes[category].join(', ')}
              >
                {labels[category].examples}
              </span>
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}
