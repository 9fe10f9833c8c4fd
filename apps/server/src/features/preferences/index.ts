// How the desk alerts each person; app.ts registers the routes.
export type { PreferenceDeps } from './preferences.service.ts';
