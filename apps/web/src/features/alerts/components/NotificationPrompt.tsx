import type { Me } from '@parley/contract';
import { useState } from 'react';
import { Button } from '../../../ui/Button.tsx';
import { notificationPermission } from '../desktop.ts';
import { usePreferences } from '../hooks/usePreferences.ts';
import { DesktopPermission } from './DesktopPermission.tsx';
import '../alerts.css';

const DISMISSED_KEY = 'parley.notificationPrompt';

function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === 'dismissed';
  } catch {
    return false;
  }
}

/**
 * Once the person is available to take chats, a small card in the sidebar offers browser
 * notifications. The
 * browser is only asked when they click; "Not now" puts the card away in this browser (the
 * Alerts settings can still ask).
 */
export function NotificationPrompt({ me }: { me: Me }) {
  const { preferences, isSuccess } = usePreferences();
  const [hidden, setHidden] = useState(wasDismissed);
  const [askable] = useState(() => notificationPermission() === 'default');
  if (hidden || !askable || !me.available || !isSuccess || !preferences.desktop) return null;
  const dismiss = () => {
    setHidden(true);
    try {
      localStorage.setItem(DISMISSED_KEY, 'dismissed');
    } catch {
      // Then it asks again next time, which is harmless.
    }
  };
  return (
    <aside className="alert-prompt" aria-label="Browser notifications">
      <p className="alert-prompt__text">
        Get a browser notification when a customer needs you while Parley is hidden?
      </p>
      <div className="alert-prompt__actions">
        <Button variant="ghost" size="sm" onClick={dismiss}>
          Not now
        </Button>
        <DesktopPermission onAnswer={() => setHidden(true)} />
      </div>
    </aside>
  );
}
