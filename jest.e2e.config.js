/** @type {import('jest').Config} End-to-end suites: the real Pulumi CLI (npm run test:e2e). */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  // Whole `pulumi up`/`destroy` cycles on a shared 2-core machine; the CLI is built on first use.
  testTimeout: 45 * 60 * 1000,
  maxWorkers: 1,
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json", diagnostics: false }],
  },
};
