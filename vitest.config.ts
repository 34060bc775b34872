import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/server/**/*.test.ts", "src/web/**/*.test.ts", "test/**/*.test.ts"],
    // A budget for a busy two-core CI machine (a 10 s browser flow reached 60 s there); tests still wait on states, never on time.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default"],
  },
});
