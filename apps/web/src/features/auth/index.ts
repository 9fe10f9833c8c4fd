export { meQueryKey } from './api.ts';
export { endLocalSession } from './endLocalSession.ts';
export { AvailabilitySwitch } from './components/AvailabilitySwitch.tsx';
export { CurrentUser } from './components/CurrentUser.tsx';
export { SignInPage } from './components/SignInPage.tsx';
export { SignOutButton } from './components/SignOutButton.tsx';
export { useMe } from './hooks/useMe.ts';
export { useOwnPresenceSync } from './hooks/useOwnPresenceSync.ts';
