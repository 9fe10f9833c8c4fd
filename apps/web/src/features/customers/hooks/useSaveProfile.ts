import type { Customer, CustomerPatchBody } from '@parley/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { customerKeys, saveProfile } from '../api.ts';

/** Never optimistic: a save can be refused (422, 412), so the view changes on the answer. */
export function useSaveProfile(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation<Customer, Error, { version: number; patch: CustomerPatchBody }>({
    mutationFn: ({ version, patch }) => saveProfile(customerId, version, patch),
    onSuccess: (saved) =>
      queryClient.setQueryData<Customer>(customerKeys.detail(customerId), (cached) =>
        cached && cached.version > saved.version ? cached : saved,
      ),
  });
}
