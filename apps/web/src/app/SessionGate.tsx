import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useRoute, useSearch } from 'wouter';
import {
  endLocalSession,
  meQueryKey,
  SetPasswordPage,
  SignInPage,
  useMe,
} from '../features/auth/index.ts';
import { ErrorState } from '../ui/ErrorState.tsx';
import { Logo } from '../ui/Logo.tsx';
import { Desk } from './layout/Desk.tsx';
import { RealtimeProvider } from './realtime/index.ts';

/**
 * Decides between sign-in and the desk from `GET /api/me`, at any URL (deep links survive).
 * A set-password link is the exception: it opens its page whoever is signed in, if anyone.
 */
export function SessionGate() {
  const [onSetPassword, setPasswordParams] = useRoute('/set-password/:token');
  const search = useSearch();
  const me = useMe();
  const queryClient = useQueryClient();
  const onSessionEnded = useCallback(() => endLocalSession(queryClient), [queryClient]);
  // A refused upgrade looks like any failed connection; asking /api/me tells a down server
  // (keep the desk, keep retrying) from an ended session (401: back to sign-in).
  const onConnectFailed = useCallback(
    () => void queryClient.refetchQueries({ queryKey: meQueryKey }),
    [queryClient],
  );

  if (onSetPassword) return <SetPasswordPage token={setPasswordParams.token} />;

  // A failed background refetch keeps the desk; only a first load without data blocks it.
  if (me.data === undefined) {
    return (
      <div className="splash">
        {me.isError ? (
          <ErrorState
            title="Couldn't open Parley."
            error={me.error}
            onRetry={() => void me.refetch()}
            retrying={me.isFetching}
          />
        ) : (
          <div role="status" className="splash__loading">
            <Logo size={28} />
            <span className="visually-hidden">Loading Parley…</span>
          </div>
        )}
      </div>
    );
  }
  if (me.data === null)
    return <SignInPage initialEmail={new URLSearchParams(search).get('email') ?? ''} />;

  return (
    <RealtimeProvider
      key={me.data.id}
      onSessionEnded={onSessionEnded}
      onConnectFailed={onConnectFailed}
    >
      <Desk me={me.data} />
    </RealtimeProvider>
  );
}
