// Test helpers other libraries' and the apps' tests use: @rolebook/projections/testing.
export * from './dump';
