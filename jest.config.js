const os = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  // Lifecycle suites spend most of their time waiting on emulator jobs and provider
  // processes, not on a CPU: more workers than cores shortens the run; no verdict
  // depends on speed (time comes from injected or emulator clocks).
  maxWorkers: Math.max(3, os.availableParallelism() - 1),
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testTimeout: 60000,
  // Examples import the package by name, as users do.
  moduleNameMapper: {
    "^pulumi-euro-hosting$": "<rootDir>/index.ts",
    "^pulumi-euro-hosting/(.*)$": "<rootDir>/resources/$1",
  },
  // Types are checked once by `npm run typecheck`; here each file is only transpiled
  // (tsconfig.jest.json: isolatedModules), about three times faster than a type-aware compile.
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json", diagnostics: false }],
  },
};
