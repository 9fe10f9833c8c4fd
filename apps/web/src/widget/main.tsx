// First: the page's CSP has no 'unsafe-eval', and schemas are defined by the imports below.
import '@parley/contract/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../app/theme.css';
import './widget.css';
import { WidgetApp } from './WidgetApp.tsx';

/** The channel is the page's address, /chat/<channelId>; `?channel=` serves the dev server. */
function channelIdFrom(location: Location): string {
  const match = /^\/chat\/([^/]+)\/?$/.exec(location.pathname);
  if (match?.[1]) return decodeURIComponent(match[1]);
  return new URLSearchParams(location.search).get('channel') ?? '';
}

const root = document.getElementById('root');
if (!root) throw new Error('chat.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <WidgetApp channelId={channelIdFrom(window.location)} />
  </StrictMode>,
);
