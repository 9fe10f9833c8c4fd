// Outbound webhooks: other features queue events here, in the transaction of their change.
export { enqueueWebhookEvent } from './webhooks.repo.ts';
export {
  startWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from './webhooks.worker.ts';
export { signWebhook } from './webhook-sender.ts';
