export { startOutboxWorker, type OutboxWorker, type OutboxOptions } from './outbox.worker.ts';
export { applyDeliveryStatus, type DeliveryStatusInput } from './delivery-status.ts';
export {
  DeliveryError,
  DISABLED_CHANNEL_REASON,
  sendOutbound,
  type OutboundMessage,
  type SendResult,
} from './adapters.ts';
export { signPayload, verifyWebhookSignature } from './signature.ts';
export {
  DEFAULT_WHATSAPP_API,
  WebchatSettings,
  WebhookSettings,
  WhatsAppSettings,
  SmsSettings,
  channelSettingsSchemas,
  parseChannelSettings,
} from './channel-settings.ts';
export type { ChannelDeps } from './webhook.service.ts';
export { findWidgetEmbedders } from './webchat-embedding.ts';
export { queueDirectSend, queueMediaFetch } from './outbox.repo.ts';
export {
  acceptedSecrets,
  openChannel,
  type OpenChannel,
  type OpenSecrets,
  storeChannelSecrets,
} from './channel-secrets.ts';
export { sealLegacySecrets } from './secret-upgrade.ts';
export { flushStaleSmsParts } from './sms-inbound.service.ts';
export { loadSecretKey } from './secret-key.ts';
export { installSecretKeys } from '../../secret-box.ts';
