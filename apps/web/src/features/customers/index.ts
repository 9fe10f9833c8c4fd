export { ContextPanel } from './components/ContextPanel.tsx';
