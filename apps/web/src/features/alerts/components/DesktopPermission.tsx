import { useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { notificationPermission, requestNotificationPermission } from '../desktop.ts';
import type { Permission } from '../desktop.ts';

const said: Record<Exclude<Permission, 'default'>, string> = {
  granted: 'Allowed in this browser.',
  denied: 'Blocked in this browser: allow notifications for this site in its settings.',
  unsupported: 'This browser cannot show notifications.',
};

/** Where this browser stands on notifications, and the one place that asks it (on a click). */
export function DesktopPermission({ onAnswer }: { onAnswer?: (answer: Permission) => void }) {
  const [permission, setPermission] = useState(notificationPermission);
  if (permission !== 'default') return <p className="alert-settings__hint">{said[permission]}</p>;
  return (
    <Button
      size="sm"
      onClick={async () => {
        const answer = await requestNotificationPermission();
        setPermission(answer);
        onAnswer?.(answer);
      }}
    >
      Allow in this browser
    </Button>
  );
}
