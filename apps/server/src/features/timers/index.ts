// Deadlines the database holds: each feature declares its timers with this interface.
export type { Timer, TimerContext } from './timer.ts';
