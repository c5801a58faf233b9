export * from './providers';
export * from './verify';
export * from './mapping/employee-change';
export * from './mapping/parse';
export * from './inbox/delivery-inbox';
export * from './clients';
export * from './sync-runs/sync-run-store';
export * from './sync-runs/sqlite-sync-run-store';
