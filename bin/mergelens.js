#!/usr/bin/env node
// The published command runs the compiled JavaScript that `npm run build` (and `npm run setup`) writes.
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(main)) {
  await import(main.href);
} else {
  process.stderr.write("mergelens: not built yet: run `npm run build` (or `npm run setup`) first\n");
  process.exitCode = 1;
}
