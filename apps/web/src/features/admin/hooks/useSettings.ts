import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminQueryKeys, fetchSettings, saveSettings } from '../api.ts';

export function useSettings() {
  return useQuery({
    queryKey: adminQueryKeys.settings,
    queryFn: ({ signal }) => fetchSettings({ signal }),
  });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSettings,
    onSuccess: (saved) => queryClient.setQueryData(adminQueryKeys.settings, saved),
  });
}
