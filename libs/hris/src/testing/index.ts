export * from './hris-stand-in';
export * from './sync-run-store.contract';
export * from './delivery-inbox.contract';
