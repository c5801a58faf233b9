// Test helpers other libraries' and the apps' tests use: @rolebook/event-store/testing.
export * from './eventually';
export * from './kurrentdb-double/kurrentdb-test-double';
export * from './compile-for-threads';
