import { useEffect } from 'react';
import { isApiError } from '../../../app/http.ts';
import { endMonitor, heartbeatMonitor, startMonitor } from '../api.ts';

/** The server ends a session it has not heard from in 90 s; a beat every 30 s keeps it open. */
export const MONITOR_HEARTBEAT_MS = 30_000;

/** A refusal (403, 404, 409) will not change by asking again; a lost connection may. */
const worthRetrying = (error: unknown) => !isApiError(error) || error.status >= 500;

/**
 * While `watching`, keeps one monitor session open on the chat: started when the chat opens,
 * kept alive every 30 s, ended when the chat is left, the tab closes or the page is hidden for
 * good, and started again when the browser restores the page or the server ended it meanwhile.
 * The session is bookkeeping (an `observed` line for supervisors), so failures stay silent.
 */
export function useMonitorSession(chatId: string, watching: boolean) {
  useEffect(() => {
    if (!watching) return;
    let sessionId: string | null = null;
    let starting = false;
    let gaveUp = false;
    let left = false;

    const start = async () => {
      if (starting || sessionId || gaveUp || left) return;
      starting = true;
      try {
        const session = await startMonitor(chatId);
        // Left while the server was answering: end what it just opened.
        if (left) endMonitor(session.id);
        else sessionId = session.id;
      } catch (error) {
        gaveUp = !worthRetrying(error);
      } finally {
        starting = false;
      }
    };

    const end = () => {
      if (sessionId) endMonitor(sessionId);
      sessionId = null;
    };

    const beat = async () => {
      if (!sessionId) return start();
      const beating = sessionId;
      try {
        await heartbeatMonitor(beating);
      } catch (error) {
        // Ended by the server (the tab slept past 90 s): the next session starts now.
        if (!worthRetrying(error) && sessionId === beating) {
          sessionId = null;
          await start();
        }
      }
    };

    const onPageHide = () => end();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) void start();
    };

    // Deferred a tick, so a mount that is undone at once (React's strict mode) opens nothing.
    const starter = setTimeout(() => void start(), 0);
    const heartbeat = setInterval(() => void beat(), MONITOR_HEARTBEAT_MS);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      left = true;
      clearTimeout(starter);
      clearInterval(heartbeat);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      end();
    };
  }, [chatId, watching]);
}
