export { search, type SearchDeps } from './search.service.ts';
