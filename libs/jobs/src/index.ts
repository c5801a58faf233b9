export * from './queue-worker';
export * from './drift-queue';
export * from './webhook-queue';
export * from './queue-settings';
export * from './hris-sync-queue';
