export { typingAuthorizer } from './typing.service.ts';
