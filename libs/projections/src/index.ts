export * from './timeline';
export * from './read-model-db';
export * from './org-read-model';
export * from './org-queries';
export * from './projector';
