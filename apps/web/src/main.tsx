// First: the page's CSP has no 'unsafe-eval', and schemas are defined by the imports below.
import '@parley/contract/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { applyAppearance, storedAppearance } from './app/appearance.ts';
import './app/theme.css';
import './ui/ui.css';
import './app/layout/layout.css';

// Before the first paint, so a dark desk never flashes light.
applyAppearance(storedAppearance());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
