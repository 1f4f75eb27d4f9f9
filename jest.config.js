// Jest only transpiles (ts-jest with isolatedModules: no type information per file, which would cost
// seconds because the vSphere bindings are large); `tsc --noEmit` type-checks once before it (`npm test`).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // The unedited tiny fixture and example sites are synthesized once per run and shared (test/shared-synth.ts).
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  testTimeout: 120000,
};
