export { chatEventFrameRule, MONITOR_SILENCE_MS, staleMonitorTimer } from './monitor.service.ts';
