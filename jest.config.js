// Three suites: unit (domain rules), integration (actions through the local cloud on a real on-disk store),
// e2e (Chromium clicking through the H5 build). @swc/jest strips types; `npm run typecheck` checks them.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020' }, module: { type: 'commonjs' } },
  ],
}
const common = {
  transform,
  testEnvironment: 'node',
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  // Deployed bundles in an emulated CloudBase environment are already plain node16 CommonJS: load them as is.
  transformIgnorePatterns: ['/node_modules/(?!(valibot)/)', '/jg-emu-[^/]+/functions/'],
}
module.exports = {
  // Integration and build tests share a 2-core machine with builds in CI; e2e files set their own.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // The same integration suite a second time, on the CloudBase emulator through the built function bundles.
    {
      ...common,
      displayName: 'integration-cloudbase',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/emulator-global-setup.ts',
      setupFiles: ['<rootDir>/test/support/emulator-runtime.js'],
    },
    { ...common, displayName: 'build', testMatch: ['<rootDir>/test/build/**/*.test.ts'] },
    // `npm run deploy` against a fake of WeChat's and Tencent Cloud's HTTP APIs on 127.0.0.1.
    { ...common, displayName: 'deploy', testMatch: ['<rootDir>/test/deploy/**/*.test.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-retry.ts'],
    },
  ],
}
