// Timers: deadlines kept in the rows they are about, fired once by the timer worker (ADR 14).
export type { Timer, TimerContext } from './timer.ts';
