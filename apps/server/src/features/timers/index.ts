// Timers: deadlines kept in the rows they are about, fired once by the timer worker (ADR 14).
export type { Timer, TimerContext, TimerDeps } from './timer.ts';
export {
  registerTimer,
  registeredTimers,
  startTimerWorker,
  timerContext,
  type TimerWorker,
  type TimerWorkerDeps,
  type TimerWorkerOptions,
} from './timers.worker.ts';
