export * from './timeline';
export * from './read-model-db';
export * from './org-read-model';
export * from './org-queries';
export * from './projector';
export * from './event-queries';
export * from './org-diff';
export * from './rebuild';
