// Three tiers, one jest project each: unit (*.spec.ts, pure), int (*.int-spec.ts, real
// SQLite files / Redis), e2e (*.e2e-spec.ts, the booted app over HTTP).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@rolebook/([a-z-]+)$': '<rootDir>/libs/$1/src',
  // test helpers a library shares with other libraries' tests (never built into dist)
  '^@rolebook/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing',
};
const project = (displayName, suffix) => ({
  displayName,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: [`**/*.${suffix}.ts`],
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swc },
  // Nest 12 and jose 6 ship as ESM only; the app loads them through Node's require(esm), jest through swc
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|jose)/)'],
  moduleNameMapper,
});

module.exports = {
  // at least two workers, even on a 2-core machine: the end-to-end suites mostly wait on the
  // processes they start, and a worker left with a stray timer is ended rather than hanging the run
  maxWorkers: Math.max(2, require('node:os').availableParallelism() - 1),
  projects: [project('unit', 'spec'), project('int', 'int-spec'), project('e2e', 'e2e-spec')],
};
