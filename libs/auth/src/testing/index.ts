// Test helpers other libraries' and the apps' tests use: @rolebook/auth/testing.
export * from './jwks-server';
