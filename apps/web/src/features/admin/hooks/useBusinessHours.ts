import { BusinessHoursList, DepartmentHours } from '@parley/contract';
import type { BusinessHoursBody } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../app/http.ts';

export const businessHoursQueryKey = ['admin', 'business-hours'] as const;

export async function fetchBusinessHours({ signal }: { signal?: AbortSignal } = {}) {
  return (await http('/api/admin/business-hours', { parse: BusinessHoursList, signal })).items;
}

export function saveBusinessHours(body: BusinessHoursBody) {
  return http('/api/admin/business-hours', { method: 'PUT', body, parse: DepartmentHours });
}

/** Every department's hours; refreshed each minute so "open now" follows the clock. */
export function useBusinessHours() {
  return useQuery({
    queryKey: businessHoursQueryKey,
    queryFn: ({ signal }) => fetchBusinessHours({ signal }),
    refetchInterval: 60_000,
  });
}

/** Saves one department's hours and puts the server's answer in the list at once. */
export function useSaveBusinessHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveBusinessHours,
    onSuccess: (saved) =>
      queryClient.setQueryData<DepartmentHours[]>(businessHoursQueryKey, (list = []) =>
        list.map((d) => (d.departmentId === saved.departmentId ? saved : d)),
      ),
  });
}
