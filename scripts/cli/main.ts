/** `npm run build:cli` (part of `npm run build`): the `mergelens` command as an esbuild bundle in dist/bin/. */
import { fileURLToPath } from "node:url";
import { buildCliBundle } from "./build-bundle.js";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const bundle = await buildCliBundle(PROJECT_ROOT);
const megabytes = bundle.files.reduce((sum, file) => sum + file.bytes, 0) / 1024 / 1024;
process.stdout.write(
  `mergelens CLI: ${bundle.files.length} files, ${megabytes.toFixed(1)} MB in ${bundle.outDir}\n`,
);
