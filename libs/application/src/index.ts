export * from './request-context';
export * from './command-executor';
export * from './org-commands';
export { derivedId } from './ids';
export * from './compose';
export * from './open-rolebook';
export * from './drift-service';
export * from './drift-runner';
