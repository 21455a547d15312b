#!/usr/bin/env node
// The published command runs the bundle that `npm run build` (and `npm run setup`) writes to dist/bin/.
import { existsSync } from "node:fs";
import module from "node:module";

const main = new URL("../dist/bin/mergelens.js", import.meta.url);
if (existsSync(main)) {
  // Node ≥ 22.1 keeps the compiled bundle on disk between runs (it is most of a command's start-up);
  // Node 20 has no such cache and skips this.
  module.enableCompileCache?.();
  await import(main.href);
} else {
  process.stderr.write("mergelens: not built yet: run `npm run build` (or `npm run setup`) first\n");
  process.exitCode = 1;
}
