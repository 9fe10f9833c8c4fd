import type {
  UploadedAttachment,
  WidgetChat,
  WidgetMessage,
  WidgetSessionBody,
} from '@parley/contract';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { describeWidgetError, isApiError, newClientId, sendingTooFast, widgetApi } from './api.ts';
import { conversationReducer, emptyConversation, type Entry } from './conversation.ts';
import { useEmbedIdentity } from './useEmbedIdentity.ts';
import {
  type ConnectionStatus,
  connectWidgetSocket,
  type WidgetConnection,
} from './widgetSocket.ts';

/** While the visitor types, the team is told at most this often. */
export const TYPING_EVERY_MS = 3000;

/** Who of the team is typing, and until when (ms since the epoch). */
export type AgentTyping = { name: string | null; until: number };

export type Phase =
  | { kind: 'loading' }
  | { kind: 'start'; notice?: string }
  | { kind: 'chat' }
  | { kind: 'unavailable' }
  | { kind: 'error'; message: string };

type LoadResult = 'ok' | 'no-session' | 'unavailable' | { error: unknown };

/** Whether the session has proved its number, and whether this chat can send a code to. */
export type Verification = {
  verified: boolean;
  canVerify: boolean;
  phone: string;
  /** Proved by a code on this page just now (worth saying so once). */
  justVerified?: boolean;
};

/** While queued the visitor's place changes as others are taken: it is asked for this often. */
export const QUEUE_POLL_MS = 15_000;

type ChatStateAction = { kind: 'set' | 'take'; chat: WidgetChat | null } | { kind: 'ended' };

/**
 * The chat's state as the widget knows it. A load or a start sets it; a frame or a poll is taken
 * unless it is about an older chat that closed while a newer one is open.
 */
function chatStateReducer(current: WidgetChat | null, action: ChatStateAction): WidgetChat | null {
  if (action.kind === 'ended') return current && { ...current, status: 'closed', queue: null };
  const next = action.chat;
  if (
    action.kind === 'take' &&
    next &&
    current &&
    current.id !== next.id &&
    next.status === 'closed'
  )
    return current;
  return next;
}

const SESSION_LOST = 'Your chat session has ended. Enter your number to carry on.';
const IDENTITY_REFUSED = 'We couldn’t sign you in automatically. Enter your number to chat.';

/** "+27 82 111 2233" and "+27821112233" are the same number. */
const samePhone = (a: string, b: string) => a.replace(/\D/g, '') === b.replace(/\D/g, '');

/**
 * Everything the widget page does: find out whether this browser has a session (the messages
 * answer 401 when not), start one, keep the socket while chatting, send optimistically, end.
 */
export function useWidgetChat(channelId: string) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [conversation, dispatch] = useReducer(conversationReducer, emptyConversation);
  const [connection, setConnection] = useState<ConnectionStatus>('connecting');
  const [name, setName] = useState<string | null>(null);
  const [verification, setVerification] = useReducer(
    (current: Verification, patch: Partial<Verification>): Verification => ({
      ...current,
      ...patch,
    }),
    { verified: false, canVerify: false, phone: '' },
  );

  // What the visitor may know of their chat (queue, agent, ticket): from loads, frames and polls.
  const [chatState, setChatState] = useReducer(chatStateReducer, null);
  const knownChatId = useRef<string | null>(null);
  useEffect(() => {
    knownChatId.current = chatState?.id ?? null;
  }, [chatState]);
  const takeChatState = useCallback(
    (chat: WidgetChat | null) => setChatState({ kind: 'take', chat }),
    [],
  );

  const refreshChatState = useCallback(async () => {
    try {
      takeChatState((await widgetApi.chat(channelId)).chat);
    } catch {
      // The conversation's own load reports a lost session or a broken connection.
    }
  }, [channelId, takeChatState]);

  /** A message from a chat not known yet, or the system's word (a ticket's notice): ask again. */
  const noticeMessage = useCallback(
    (message: Pick<WidgetMessage, 'chatId' | 'author'>) => {
      if (message.chatId !== knownChatId.current || message.author.kind === 'system')
        void refreshChatState();
    },
    [refreshChatState],
  );

  const sessionLost = useCallback(() => {
    setChatState({ kind: 'set', chat: null });
    dispatch({ type: 'reset' });
    setPhase({ kind: 'start', notice: SESSION_LOST });
  }, []);

  const load = useCallback(async (): Promise<LoadResult> => {
    try {
      const list = await widgetApi.messages(channelId);
      dispatch({ type: 'loaded', items: list.items, chat: list.chat });
      setChatState({ kind: 'set', chat: list.chat });
      setVerification({
        verified: list.verified,
        canVerify: list.canVerify,
        ...(list.phone ? { phone: list.phone } : {}),
      });
      return 'ok';
    } catch (error) {
      if (isApiError(error, 401)) return 'no-session';
      if (isApiError(error, 404)) return 'unavailable';
      return { error };
    }
  }, [channelId]);

  const settle = useCallback((result: LoadResult) => {
    if (result === 'ok') setPhase({ kind: 'chat' });
    else if (result === 'no-session') setPhase({ kind: 'start' });
    else if (result === 'unavailable') setPhase({ kind: 'unavailable' });
    else setPhase({ kind: 'error', message: describeWidgetError(result.error) });
  }, []);

  // On arrival: a session cookie resumes the conversation; without one, the form. The cookie is
  // not readable here, so the server is asked whether there is one (never a 401 to log).
  const arrive = useCallback(async (): Promise<LoadResult> => {
    try {
      if (!(await widgetApi.session(channelId)).active) return 'no-session';
    } catch (error) {
      if (isApiError(error, 404)) return 'unavailable';
      return { error };
    }
    return load();
  }, [channelId, load]);

  useEffect(() => {
    let current = true;
    void arrive().then((result) => current && settle(result));
    return () => {
      current = false;
    };
  }, [arrive, settle]);

  const retryLoad = useCallback(() => {
    setPhase({ kind: 'loading' });
    void arrive().then(settle);
  }, [arrive, settle]);

  const chatting = phase.kind === 'chat';
  // A session that proves its number listens in the customer's room: a new socket joins it.
  const verified = verification.verified;
  const socket = useRef<WidgetConnection | null>(null);
  const [agentTyping, setAgentTyping] = useState<AgentTyping | null>(null);
  // An indicator ends by itself when it is not renewed.
  useEffect(() => {
    if (!agentTyping) return;
    const timer = setTimeout(
      () => setAgentTyping(null),
      Math.max(0, agentTyping.until - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [agentTyping]);
  useEffect(() => {
    if (!chatting) return;
    const connection = connectWidgetSocket(widgetApi.socketUrl(channelId), {
      message: (message) => {
        // The message the team was typing has arrived.
        if (message.direction === 'out') setAgentTyping(null);
        dispatch({ type: 'received', message });
        noticeMessage(message);
      },
      typing: (typing) =>
        setAgentTyping({ name: typing.name, until: Date.parse(typing.until) || Date.now() + 6000 }),
      chat: takeChatState,
      resumed: () => void refreshChatState(),
      reload: () =>
        void load().then((result) => {
          if (result === 'no-session') sessionLost();
        }),
      status: setConnection,
      sessionEnded: sessionLost,
    });
    socket.current = connection;
    return () => {
      socket.current = null;
      connection();
    };
  }, [
    chatting,
    verified,
    channelId,
    load,
    sessionLost,
    noticeMessage,
    takeChatState,
    refreshChatState,
  ]);

  // Others leave the queue without this chat changing: its place is asked for while it waits.
  const queued = chatting && chatState?.kind === 'chat' && chatState.status === 'queued';
  useEffect(() => {
    if (!queued) return;
    const timer = setInterval(() => void refreshChatState(), QUEUE_POLL_MS);
    return () => clearInterval(timer);
  }, [queued, refreshChatState]);

  /** Throws for the form to show; on success the conversation begins. */
  const start = useCallback(
    async (body: WidgetSessionBody) => {
      const session = await widgetApi.startSession(channelId, body);
      setName(session.customer.name);
      setVerification({
        verified: session.verified,
        canVerify: session.canVerify,
        phone: session.customer.phone,
      });
      dispatch({ type: 'reset', chat: session.chat });
      setChatState({ kind: 'set', chat: session.chat });
      setPhase({ kind: 'chat' });
    },
    [channelId],
  );

  // A signed identity from the page that frames the widget starts (or restarts) the session
  // with it, unless this already is that number's verified session (the page was reloaded).
  const embed = useEmbedIdentity(channelId);
  const handled = useRef<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const sessionPhone = phase.kind === 'chat' && verification.verified ? verification.phone : null;
  useEffect(() => {
    const identity = embed.identity;
    const ready = phase.kind === 'start' || phase.kind === 'chat';
    if (!identity || !ready || handled.current === identity.signature) return;
    handled.current = identity.signature;
    if (sessionPhone !== null && samePhone(sessionPhone, identity.phone)) return;
    void (async () => {
      setSigningIn(true);
      try {
        await start({ identity });
      } catch {
        // A chat already under way goes on as it was; otherwise the visitor types their number.
        setPhase((current) =>
          current.kind === 'chat' ? current : { kind: 'start', notice: IDENTITY_REFUSED },
        );
      } finally {
        setSigningIn(false);
      }
    })();
  }, [embed.identity, phase.kind, sessionPhone, start]);

  const deliver = useCallback(
    async (text: string, clientId: string, files: UploadedAttachment[]) => {
      try {
        const reply = await widgetApi.send(
          channelId,
          text,
          clientId,
          files.map((file) => file.id),
        );
        dispatch({ type: 'sent', clientId, message: reply.message });
        noticeMessage(reply.message);
      } catch (error) {
        if (isApiError(error, 401)) sessionLost();
        else
          dispatch({
            type: 'failed',
            clientId,
            // The text stays, marked not sent, with a retry.
            error: sendingTooFast(error) ?? describeWidgetError(error),
          });
      }
    },
    [channelId, sessionLost, noticeMessage],
  );

  const send = useCallback(
    (text: string, files: UploadedAttachment[] = []) => {
      const clientId = newClientId();
      dispatch({ type: 'queued', clientId, text, at: new Date().toISOString(), files });
      void deliver(text, clientId, files);
    },
    [deliver],
  );

  /** The visitor is typing: the team hears it, at most every TYPING_EVERY_MS, in an open chat. */
  const lastTyping = useRef(0);
  const typing = useCallback(() => {
    const chatId = conversation.chat?.closed === false ? conversation.chat.id : null;
    const now = Date.now();
    if (!chatId || now - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = now;
    socket.current?.send({ type: 'typing', chatId });
  }, [conversation.chat]);

  // "Seen": the team's newest message, shown while this page is visible and focused, is told to
  // the server once (it marks the earlier ones too).
  const newestFromTeam = conversation.entries.findLast(
    (entry) => entry.direction === 'out' && entry.id !== null,
  )?.id;
  const reportedSeen = useRef<string | null>(null);
  useEffect(() => {
    if (!chatting || !newestFromTeam) return;
    const report = () => {
      if (reportedSeen.current === newestFromTeam) return;
      if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
      reportedSeen.current = newestFromTeam;
      widgetApi.seen(channelId, newestFromTeam).catch(() => {
        // Not worth a word to the visitor; the next message or focus tries again.
        reportedSeen.current = null;
      });
    };
    report();
    window.addEventListener('focus', report);
    document.addEventListener('visibilitychange', report);
    return () => {
      window.removeEventListener('focus', report);
      document.removeEventListener('visibilitychange', report);
    };
  }, [chatting, newestFromTeam, channelId]);

  /** The same clientId again: if the first attempt did arrive, nothing is stored twice. */
  const retry = useCallback(
    (entry: Entry) => {
      if (!entry.clientId) return;
      dispatch({ type: 'retrying', clientId: entry.clientId });
      void deliver(entry.text, entry.clientId, entry.files);
    },
    [deliver],
  );

  /** Not optimistic: the chat has ended only once the server says so. Throws for the dialog. */
  const end = useCallback(async () => {
    try {
      await widgetApi.end(channelId);
    } catch (error) {
      if (isApiError(error, 401)) return sessionLost();
      throw error;
    }
    dispatch({ type: 'ended' });
    setChatState({ kind: 'ended' });
  }, [channelId, sessionLost]);

  /** Throws for the form to show; on success the ticket says a way back was left. */
  const leaveContact = useCallback(
    async (contact: string) => {
      const chatId = knownChatId.current;
      if (!chatId) return;
      try {
        takeChatState(await widgetApi.contact(channelId, chatId, contact));
      } catch (error) {
        if (isApiError(error, 401)) return sessionLost();
        throw error;
      }
    },
    [channelId, sessionLost, takeChatState],
  );

  /** Throws for the form to show; answers the number the code went to. */
  const requestCode = useCallback(
    async (phone: string) => (await widgetApi.requestCode(channelId, phone)).phone,
    [channelId],
  );

  /** Throws for the form to show; on success the socket reconnects into the verified room. */
  const confirmCode = useCallback(
    async (code: string) => {
      const session = await widgetApi.confirmCode(channelId, code);
      setVerification({ verified: true, justVerified: true, phone: session.customer.phone });
      // What the verified session may see now (the customer's open chat, if it continues there).
      await load();
    },
    [channelId, load],
  );

  return {
    phase,
    conversation,
    chatState,
    connection,
    name,
    verification,
    agentTyping,
    typing,
    /** The framing page is about to sign the visitor in: no number form yet. */
    awaitingIdentity: embed.expected || signingIn,
    start,
    send,
    retry,
    end,
    requestCode,
    confirmCode,
    leaveContact,
    reload: retryLoad,
  };
}
