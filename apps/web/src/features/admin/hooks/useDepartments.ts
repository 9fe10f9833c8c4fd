import type { AdminDepartment, DepartmentPatchBody } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminQueryKeys, createDepartment, fetchDepartments, updateDepartment } from '../api.ts';

export function useDepartments() {
  return useQuery({
    queryKey: adminQueryKeys.departments,
    queryFn: ({ signal }) => fetchDepartments({ signal }),
  });
}

/** Puts the server's answer in the list at once, so the table never shows a stale row. */
function useStoreDepartment() {
  const queryClient = useQueryClient();
  return (saved: AdminDepartment) => {
    queryClient.setQueryData<AdminDepartment[]>(adminQueryKeys.departments, (list = []) =>
      list.some((d) => d.id === saved.id)
        ? list.map((d) => (d.id === saved.id ? saved : d))
        : [...list, saved],
    );
  };
}

export function useCreateDepartment() {
  const store = useStoreDepartment();
  return useMutation({ mutationFn: createDepartment, onSuccess: store });
}

export function useUpdateDepartment() {
  const store = useStoreDepartment();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DepartmentPatchBody }) =>
      updateDepartment(id, patch),
    onSuccess: store,
  });
}
