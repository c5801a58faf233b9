export * from './queue-worker';
export * from './drift-queue';
export * from './webhook-queue';
