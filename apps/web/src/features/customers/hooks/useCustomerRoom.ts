import { rooms } from '@parley/contract';
import type { Customer, Me } from '@parley/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeFrame, useRealtimeRoom } from '../../../app/realtime/index.ts';
import { customerKeys } from '../api.ts';
import { insertNote, noteFor, removeNote } from '../notesCache.ts';
import { updateCachedNotes } from './useNotes.ts';

/**
 * Joins `customer:<id>` while the panel shows the customer and applies its frames: profile
 * saves and notes added or deleted by anyone, in any tab.
 */
export function useCustomerRoom(customerId: string, me: Pick<Me, 'id' | 'role'>) {
  const queryClient = useQueryClient();
  const room = rooms.customer(customerId);
  useRealtimeRoom(room);

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
    void queryClient.invalidateQueries({ queryKey: customerKeys.notes(customerId) });
  };
  // Frames flow from the acknowledgement on; whatever changed before it is read again.
  useRealtimeFrame('subscribed', (data) => {
    if (data.room === room) reload();
  });

  useRealtimeFrame('customer.updated', (customer) => {
    if (customer.id !== customerId) return;
    queryClient.setQueryData<Customer>(customerKeys.detail(customerId), (cached) =>
      cached && cached.version >= customer.version ? cached : customer,
    );
  });
  useRealtimeFrame('note.created', (note) => {
    if (note.customerId !== customerId) return;
    updateCachedNotes(queryClient, customerId, (data) => insertNote(data, noteFor(me, note)));
  });
  useRealtimeFrame('note.deleted', (deleted) => {
    if (deleted.customerId !== customerId) return;
    updateCachedNotes(queryClient, customerId, (data) => removeNote(data, deleted.id));
  });
}
