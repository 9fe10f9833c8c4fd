// Auth and staff are one concern: the staff accounts and how their owners prove who they are.
export {
  authenticateApiToken,
  authenticateSession,
  hashToken,
  type AuthDeps,
} from './auth.service.ts';
export { startAuthHousekeeping } from './auth.housekeeping.ts';
export { credentialCheck } from './credential-check.ts';
export { DEVICE_DAYS } from './sign-in-device.service.ts';
export { hashPassword } from './passwords.ts';
export { findOrCreateDepartments, insertStaff, setStaffDepartments } from './staff.repo.ts';
export { announcePresence, createStaff, setPassword, type StaffDeps } from './staff.service.ts';
export { deactivateStaff, reactivateStaff, type StaffAccessDeps } from './staff-access.service.ts';
export { firstAdminBanner, readSetupStatus, setupNeeded } from './first-run.service.ts';
