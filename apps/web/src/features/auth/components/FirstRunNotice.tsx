import { Button } from '../../../ui/Button.tsx';

/**
 * What the sign-in page says while no staff account exists: a form nobody can use would only
 * puzzle whoever just installed the desk. The first admin is made on the server's command line.
 */
export function FirstRunNotice({
  command,
  onCheckAgain,
  checking,
}: {
  command: string;
  onCheckAgain: () => void;
  checking: boolean;
}) {
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h1 className="sign-in__title" id="first-run-title">
        Create the first admin
      </h1>
      <p className="sign-in__subtitle">
        This desk has no staff accounts yet, so nobody can sign in. On the server, run:
      </p>
      <pre className="first-run__command">
        <code>{command}</code>
      </pre>
      <p className="first-run__text">
        It prints a first password once (or add <code>--password-stdin</code> to pipe your own in).
        Then sign in here and add everyone else, departments and channels in the Admin area.
      </p>
      <Button
        variant="primary"
        className="sign-in__submit"
        onClick={onCheckAgain}
        pending={checking}
      >
        {checking ? 'Checking…' : 'I have created it'}
      </Button>
    </section>
  );
}
