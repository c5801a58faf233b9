// Test helpers other libraries' tests use: @rolebook/postgres/testing.
export * from './database';
