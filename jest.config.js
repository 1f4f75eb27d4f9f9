// Jest only transpiles (ts-jest with isolatedModules: no type information per file, which would cost
// seconds because the vSphere bindings are large); `tsc --noEmit` type-checks once before it (`npm test`).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 120000,
};
