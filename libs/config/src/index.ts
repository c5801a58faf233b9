export * from './config';
export * from './logger';
export * from './log-format';
