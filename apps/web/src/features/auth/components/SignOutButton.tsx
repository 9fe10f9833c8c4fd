import { Button } from '../../../ui/Button.tsx';
import { SignOutIcon } from '../../../ui/icons.tsx';
import { useSignOut } from '../hooks/useSignOut.ts';

export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="sign-out"
        pending={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        <SignOutIcon />
        {signOut.isPending ? 'Signing out…' : 'Sign out'}
      </Button>
      {signOut.isError ? (
        <p className="sidebar-error" role="alert">
          Couldn't sign out. Check your connection and try again.
        </p>
      ) : null}
    </>
  );
}
