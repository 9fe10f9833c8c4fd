export { CommentsTab } from './components/CommentsTab.tsx';
