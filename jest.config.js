/** @type {import('jest').Config} */
module.exports = {
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
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
};
