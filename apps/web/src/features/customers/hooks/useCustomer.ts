import type { Customer } from '@parley/contract';
import { useQuery } from '@tanstack/react-query';
import { customerKeys, fetchCustomer } from '../api.ts';

export function useCustomer(id: string) {
  return useQuery<Customer, Error, Customer, ReturnType<typeof customerKeys.detail>>({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => fetchCustomer(id, signal),
  });
}
