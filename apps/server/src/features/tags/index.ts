// Wrap-up tags: the one tag an agent picks when closing a chat. Admins keep the list.
export { listActiveTagNames } from './tags.service.ts';
