// Every IPC answer is a Result (shared/outcome.ts).
export * from '../outcome.ts';
