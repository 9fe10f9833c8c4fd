export { AlertSettingsButton } from './components/AlertSettings.tsx';
export { NotificationPrompt } from './components/NotificationPrompt.tsx';
export { titleWithCount } from './alertRules.ts';
export { useAlerts } from './hooks/useAlerts.ts';
