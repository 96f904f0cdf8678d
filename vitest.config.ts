import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fidelity and walk-through tests read a million words or run the generator and tsc.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
