import { EmptyState } from '../../../ui/EmptyState.tsx';
import type { AdminPageProps } from '../adminPage.ts';
import { AdminPageHeader } from './AdminControls.tsx';

/** A placeholder until the staff endpoints land; the route exists so links to it work. */
export function StaffPage(_: AdminPageProps) {
  return (
    <>
      <AdminPageHeader
        title="Staff"
        description="Accounts, roles, departments and capacity for everyone who works in the desk."
      />
      <EmptyState
        title="Staff management is coming soon."
        description="Until then, staff accounts are created on the command line."
      />
    </>
  );
}
