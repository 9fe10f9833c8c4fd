import type { Me, Notification } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, useSyncExternalStore } from 'react';
import { useLocation } from 'wouter';
import { useRealtimeFrame } from '../../../app/realtime/index.ts';
import { customerLabel, findCachedChat, useSeenChats } from '../../chats/index.ts';
import { notificationHref, notificationSentence } from '../../notifications/index.ts';
import {
  type AlertEvent,
  chatAlert,
  countWaiting,
  planAlert,
  stillWaiting,
  type Waiting,
} from '../alertRules.ts';
import { playChime } from '../chime.ts';
import { notificationPermission, showDesktopNotification } from '../desktop.ts';
import { usePreferences } from './usePreferences.ts';

function subscribeVisibility(listener: () => void) {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}
const isVisible = () => document.visibilityState !== 'hidden';

/** Several events at once (a burst of messages) chime once. */
const CHIME_GAP_MS = 1500;

/**
 * Rings for what needs me and is not on screen: a new chat routed to me or waiting in my queue,
 * a transfer offer, a mention, a customer writing in a chat of mine. Returns how many chats rang
 * and are still unread here, for the tab title (0 when the person switched the count off).
 */
export function useAlerts(me: Me, openChatId: string | null): number {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { preferences } = usePreferences();
  const { state: seenState, store } = useSeenChats(me.id);
  const visible = useSyncExternalStore(subscribeVisibility, isVisible, () => true);
  const [waiting, setWaiting] = useState<Waiting>(() => new Map());
  /** What already rang on this page: chat id → the customer activity it rang for. */
  const rung = useRef(new Map<string, string>());
  const lastChime = useRef(0);
  // Frame handlers are renewed each render, so they see the page as it is now.
  const ring = (event: AlertEvent) => {
    const seen = store.get().seen;
    const plan = planAlert(event, {
      preferences,
      openChatId,
      visible,
      permission: notificationPermission(),
    });
    if (plan.sound && Date.now() - lastChime.current > CHIME_GAP_MS) {
      lastChime.current = Date.now();
      playChime();
    }
    if (plan.desktop)
      showDesktopNotification(event.text, {
        body: 'Parley',
        tag: `parley-${event.chatId}`,
        onClick: () => navigate(event.path),
      });
    if (plan.count)
      setWaiting((before) =>
        new Map(stillWaiting(before, seen)).set(event.chatId, seen[event.chatId]),
      );
  };

  useRealtimeFrame('chat.updated', (chat) => {
    const { loaded, seen } = store.get();
    // Until my reads are in, every chat would look new.
    if (!loaded) return;
    const event = chatAlert(chat, me, seen, rung.current, Date.now());
    if (!event) return;
    rung.current.set(chat.id, chat.lastCustomerActivityAt ?? chat.createdAt);
    ring(event);
  });

  useRealtimeFrame('notification.created', (notification: Notification) => {
    const kind =
      notification.kind === 'mention'
        ? 'mention'
        : notification.kind === 'transfer_offer'
          ? 'transferOffer'
          : null;
    if (!kind || notification.chatId === null) return;
    const cached = findCachedChat(queryClient, notification.chatId);
    const sentence = notificationSentence(
      notification,
      cached ? customerLabel(cached.customer) : null,
    );
    ring({
      kind,
      chatId: notification.chatId,
      path: notificationHref(notification) ?? '/live',
      text: `${sentence.who} ${sentence.what}`,
    });
  });

  // An offer answered (by me or anyone else) no longer waits on me.
  useRealtimeFrame('transfer.updated', (transfer) => {
    if (transfer.state === 'offered') return;
    setWaiting((before) => {
      if (!before.has(transfer.chatId)) return before;
      const next = new Map(before);
      next.delete(transfer.chatId);
      return next;
    });
  });

  if (!preferences.titleCount) return 0;
  // Read anywhere, it stops counting; on screen, it is being read now.
  return countWaiting(waiting, seenState.seen, visible ? openChatId : null);
}
