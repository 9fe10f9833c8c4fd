import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { ProxyOptions } from 'vite';

// The proxy keeps the browser's Host header, so the server's same-origin check (Origin host ==
// Host) passes in development just as it does when the server serves the built console.
const apiProxy: Record<string, ProxyOptions> = {
  '/api': { target: process.env.PARLEY_API_URL ?? 'http://127.0.0.1:3000', ws: true },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy: apiProxy },
  preview: { port: 4173, proxy: apiProxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The desk, and the customer's web-chat widget as its own small page (served at /chat/:id).
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        chat: fileURLToPath(new URL('chat.html', import.meta.url)),
      },
    },
  },
});
