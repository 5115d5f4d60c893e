export * from './channels.ts';
export * from './result.ts';
export type * from './contract.ts';
export * from './api.ts';
export * from './wire.ts';
