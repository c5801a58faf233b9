// Test helpers other libraries' tests use: @rolebook/privacy/testing.
export * from './sqlite-file-bytes';
