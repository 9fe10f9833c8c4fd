// The audit log: every admin change, recorded by the feature that makes it, read by admins.
export { type AuditEntry, recordAudit, recordAuditAtMostEvery } from './audit.service.ts';
