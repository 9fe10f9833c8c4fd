import type { AdminStaff, StaffPatchBody } from '@parley/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminQueryKeys,
  createStaff,
  deactivateStaff,
  fetchAdminStaff,
  reactivateStaff,
  resetStaffPassword,
  updateStaff,
} from '../api.ts';

/** Everyone matching `q` (name or email, searched by the server); everyone when it is empty. */
export function useAdminStaff(q = '') {
  return useQuery({
    queryKey: adminQueryKeys.staffSearch(q),
    queryFn: ({ signal }) => fetchAdminStaff(q, { signal }),
    // While a new search runs the table keeps the last answer instead of flashing a skeleton.
    placeholderData: keepPreviousData,
    // Who is online changes without anyone here doing anything.
    refetchInterval: 30_000,
  });
}

/**
 * Puts the server's answer into every cached list at once, then refetches them: a search list
 * may gain or lose the person, and another admin may have changed someone meanwhile.
 */
function useStoreStaff() {
  const queryClient = useQueryClient();
  return (saved: AdminStaff) => {
    queryClient.setQueriesData<AdminStaff[]>({ queryKey: adminQueryKeys.staff }, (list) => {
      if (!list) return list;
      return list.some((s) => s.id === saved.id)
        ? list.map((s) => (s.id === saved.id ? saved : s))
        : [...list, saved];
    });
    void queryClient.invalidateQueries({ queryKey: adminQueryKeys.staff });
  };
}

export function useCreateStaff() {
  const store = useStoreStaff();
  return useMutation({
    mutationFn: createStaff,
    // The list keeps the person without the link: the link lives only in the dialog.
    onSuccess: ({ setPasswordLink: _link, ...created }) => store(created),
  });
}

export function useUpdateStaff() {
  const store = useStoreStaff();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: StaffPatchBody }) => updateStaff(id, patch),
    onSuccess: store,
  });
}

export function useDeactivateStaff() {
  const store = useStoreStaff();
  return useMutation({ mutationFn: deactivateStaff, onSuccess: store });
}

export function useReactivateStaff() {
  const store = useStoreStaff();
  return useMutation({ mutationFn: reactivateStaff, onSuccess: store });
}

export function useResetStaffPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetStaffPassword,
    // Their sessions ended, so "online" changes; nothing else in the row does.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminQueryKeys.staff }),
  });
}
