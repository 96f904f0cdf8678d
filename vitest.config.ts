import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fidelity and walk-through tests read a million words or run the generator and tsc.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Compile the CLI as `npm install` does: tests that spawn bin/isagen.cjs run that.
    globalSetup: ["test/support/build-cli.ts", "test/support/tmpdir.ts"],
    // As bin/isagen.cjs starts node: translated blocks get optimised (see its first lines).
    poolOptions: { forks: { execArgv: ["--concurrent-recompilation-queue-length=1024"] } },
  },
});
