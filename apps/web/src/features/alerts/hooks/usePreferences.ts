import { defaultPreferences } from '@parley/contract';
import type { Preferences, PreferencesBody } from '@parley/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { alertKeys, fetchPreferences, savePreferences } from '../api.ts';

/** My alert preferences; until they load (or if they cannot), everything counts as on. */
export function usePreferences() {
  const query = useQuery({
    queryKey: alertKeys.preferences,
    queryFn: ({ signal }) => fetchPreferences(signal),
    staleTime: Infinity,
  });
  return { ...query, preferences: query.data ?? defaultPreferences };
}

const applyChange = (current: Preferences, change: PreferencesBody): Preferences => ({
  sound: change.sound ?? current.sound,
  desktop: change.desktop ?? current.desktop,
  titleCount: change.titleCount ?? current.titleCount,
  events: { ...current.events, ...change.events },
});

/** A switch flips at once; a refusal puts the saved state back. */
export function useSavePreferences() {
  const queryClient = useQueryClient();
  const key = alertKeys.preferences;
  return useMutation({
    mutationFn: savePreferences,
    onMutate: async (change) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Preferences>(key);
      queryClient.setQueryData<Preferences>(key, applyChange(before ?? defaultPreferences, change));
      return { before };
    },
    onError: (_error, _change, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
}
