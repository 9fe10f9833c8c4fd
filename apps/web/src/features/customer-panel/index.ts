export { ContextPanel, panelTabs } from './components/ContextPanel.tsx';
export type { PanelTab } from './components/ContextPanel.tsx';
