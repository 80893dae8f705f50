// Two projects: `unit` (pure logic, no infrastructure) and `integration` (real Kafka,
// Apicurio and Postgres, started by test/stack/global-setup.ts when not given in the env).
const paths = {
  '^@imi/(domain|envelope|logging|messaging|metrics|persistence|telemetry)$': '<rootDir>/libs/$1/src',
};
// jose 6 ships ES modules only; swc turns them into CommonJS for jest.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
const transformIgnorePatterns = ['/node_modules/(?!jose/)'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/chaos/**/*.spec.ts'],
      moduleNameMapper: paths,
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleNameMapper: paths,
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/stack/global-setup.ts',
      globalTeardown: '<rootDir>/test/stack/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/jest-timeout.ts'],
    },
  ],
};
