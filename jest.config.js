/** Jest runs in native ESM (STACK.md): probot is ESM-only. */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testMatch: ["**/*.test.ts"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }] },
  globalSetup: "<rootDir>/test/harness/global-setup.js",
  globalTeardown: "<rootDir>/test/harness/global-teardown.js",
  setupFilesAfterEnv: ["<rootDir>/test/harness/strict-nock.ts"],
  testTimeout: 30000,
  // On 2 cores Jest runs in band, so one leaked handle would hang the run instead of ending it. Known
  // leak: test/demo (the whole app in-process) leaves a handle that --detectOpenHandles cannot name.
  forceExit: true,
};
