import { rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** Where `npm run build` writes the CLI bundle; bin/mergelens.js imports its entry. */
export const CLI_BUNDLE_DIR = "dist/bin";
export const CLI_ENTRY = "mergelens.js";

// Bundled CommonJS dependencies call `require`, which an ES module lacks (STACK.md; serverless.yml's banner).
const REQUIRE_BANNER =
  'import { createRequire as bannerCreateRequire } from "node:module"; const require = bannerCreateRequire(import.meta.url);';

export interface CliBundle {
  outDir: string;
  entry: string;
  /** Every file written, relative to outDir, with its size in bytes. */
  files: { path: string; bytes: number }[];
}

/**
 * The `mergelens` command as one ES module per lazily loaded command (esbuild's code splitting keeps
 * command-list.ts's dynamic imports): node then reads a few large files instead of resolving and compiling
 * about a thousand modules of node_modules, which was most of a `metrics` call's second. All files sit in one
 * directory two levels below the project, where src/cli/version.ts finds package.json. Whitespace and
 * syntax are minified (node parses every byte it imports); identifiers are kept, as mongoose and bson
 * read class names, and esbuild's keepNames instead costs a call per function at load.
 */
export async function buildCliBundle(projectRoot: string, outDir = path.join(projectRoot, CLI_BUNDLE_DIR)) {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { mergelens: path.join(projectRoot, "src/cli/main.ts") },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minifyWhitespace: true,
    minifySyntax: true,
    banner: { js: REQUIRE_BANNER },
    outdir: outDir,
    absWorkingDir: projectRoot,
    chunkNames: "[name]-[hash]",
    metafile: true,
    logLevel: "warning",
  });
  const files = Object.entries(result.metafile.outputs).map(([file, output]) => ({
    path: path.relative(outDir, path.resolve(projectRoot, file)),
    bytes: output.bytes,
  }));
  return { outDir, entry: path.join(outDir, CLI_ENTRY), files } satisfies CliBundle;
}
