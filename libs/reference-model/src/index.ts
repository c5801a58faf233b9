export * from './schema';
export * from './matching';
export * from './default-model';
export * from './citations';
