import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { endLocalSession } from '../features/auth/index.ts';
import { TooltipProvider } from '../ui/Tooltip.tsx';
import { createQueryClient } from './queryClient.ts';
import { SessionGate } from './SessionGate.tsx';

function createAppQueryClient(): QueryClient {
  const client: QueryClient = createQueryClient({
    onUnauthorized: () => endLocalSession(client),
  });
  return client;
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createAppQueryClient());
  return (
    <QueryClientProvider client={client}>
      <TooltipProvider delayDuration={500}>
        <SessionGate />
      </TooltipProvider>
    </QueryClientProvider>
  );
}
