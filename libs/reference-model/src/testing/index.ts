// Test helpers other libraries' and the apps' tests use: @rolebook/reference-model/testing.
export * from './seeds';
