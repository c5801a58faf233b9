export * from './drift-queue';
