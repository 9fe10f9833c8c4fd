/*
 * The browser's Notification API, behind three small functions so the desk never asks on its own:
 * permission is only requested when the person clicks to allow it.
 */

export type Permission = NotificationPermission | 'unsupported';

const api = () =>
  typeof window !== 'undefined' && 'Notification' in window ? window.Notification : undefined;

export function notificationPermission(): Permission {
  return api()?.permission ?? 'unsupported';
}

/** Asks the browser; only ever called from a click. */
export async function requestNotificationPermission(): Promise<Permission> {
  const Notification = api();
  if (!Notification) return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/** One notification per chat at a time (`tag`); clicking it brings the desk back. */
export function showDesktopNotification(
  title: string,
  options: { body: string; tag: string; onClick: () => void },
) {
  const Notification = api();
  if (!Notification || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(title, { body: options.body, tag: options.tag });
    notification.onclick = () => {
      window.focus();
      options.onClick();
      notification.close();
    };
  } catch {
    // Some browsers only notify from a service worker: the sound and the title still tell.
  }
}
