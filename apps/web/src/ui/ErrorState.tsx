import { describeError } from '../app/http.ts';
import { Button } from './Button.tsx';
import { AlertIcon } from './icons.tsx';

type ErrorStateProps = {
  /** What failed, e.g. "Couldn't load the team." */
  title: string;
  error?: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  compact?: boolean;
};

export function ErrorState({ title, error, onRetry, retrying = false, compact }: ErrorStateProps) {
  return (
    <div className={compact ? 'error-state error-state--compact' : 'error-state'} role="alert">
      <AlertIcon className="error-state__icon" />
      <div className="error-state__body">
        <p className="error-state__title">{title}</p>
        {error !== undefined ? <p className="error-state__detail">{describeError(error)}</p> : null}
        {onRetry ? (
          <Button size="sm" onClick={onRetry} pending={retrying}>
            {retrying ? 'Retrying…' : 'Retry'}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
