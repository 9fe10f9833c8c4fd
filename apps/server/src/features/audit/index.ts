// The audit log: every admin change, recorded by the feature that makes it, read by admins.
export { type AuditEntry, recordAudit } from './audit.service.ts';
