export * from './providers';
export * from './verify';
export * from './mapping/employee-change';
export * from './mapping/parse';
export * from './inbox/delivery-inbox';
export * from './clients';
