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
  // On 2 cores Jest runs in band, so one leaked handle would hang the run instead of ending it. The known
  // one: agenda 6.2.6's JobProcessor.runOrRetry races each job run against a lock watchdog
  // (checkIfJobIsStillAlive) that sleeps max(processEvery, lockLifetime) / 2 in a ref'd setTimeout and
  // never clears it when the run ends, whatever stop() or drain() do: 5 min after every job with our
  // 10 min lock lifetimes. test/demo runs the whole app in-process with those lifetimes. Jest's
  // --detectOpenHandles cannot name it: Agenda arms it from its own interval and promise chain, which
  // Jest never ties to a test. The apps exit through process.exit (src/runtime/shutdown.ts). Drop this
  // once Agenda clears or unrefs that timer.
  forceExit: true,
};
