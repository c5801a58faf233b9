export * from './compose';
export * from './open-event-store';
export * from './open-rolebook';
export * from './drift/drift-checks';
export * from './drift/in-process-drift-runner';
export * from './hris/open-hris';
export * from './hris/in-process-webhook-runner';
export * from './worker';
