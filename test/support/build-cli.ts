// vitest globalSetup: compile the CLI into dist/ (scripts/build.mjs, as `npm install` does)
// before the tests, so that tests spawning bin/isagen.cjs run the compiled CLI users run, and
// never a dist/ older than the sources.
// @ts-expect-error: plain JavaScript module without types
import { build } from "../../scripts/build.mjs";

export default async function setup(): Promise<void> {
  await (build as (o: { quiet: boolean }) => Promise<number>)({ quiet: true });
}
