import type { Me } from '@parley/contract';
import { useId } from 'react';
import { describeError } from '../../../app/http.ts';
import { Switch } from '../../../ui/Switch.tsx';
import { useSetAvailability } from '../hooks/useSetAvailability.ts';
import '../auth.css';

export function AvailabilitySwitch({ me }: { me: Me }) {
  const id = useId();
  const change = useSetAvailability();
  // While the request is out the switch shows what was asked for; on failure it falls back to
  // the last state the server confirmed, because `me` was never touched.
  const checked = change.isPending ? change.variables : me.available;

  return (
    <div className="availability" data-pending={change.isPending || undefined}>
      <div className="availability__row">
        <label className="availability__label" htmlFor={id}>
          Available
        </label>
        {change.isPending ? <span className="availability__hint">Saving…</span> : null}
        <Switch
          id={id}
          checked={checked}
          aria-busy={change.isPending || undefined}
          onCheckedChange={(next) => {
            if (!change.isPending) change.mutate(next);
          }}
        />
      </div>
      <p className="availability__error" role="alert">
        {change.isError
          ? `Couldn't change your availability. ${describeError(change.error)}`
          : null}
      </p>
    </div>
  );
}
