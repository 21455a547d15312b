import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { lambdaBuildConfig, type LambdaFunction } from "./serverless-config.js";

export interface LambdaBundle {
  outDir: string;
  /** Every file of the package as Lambda unzips it, relative to outDir, with its size in bytes. */
  files: { path: string; bytes: number }[];
  bytes: number;
  /** Each function of serverless.yml with the built file its handler is in. */
  functions: (LambdaFunction & { file: string })[];
}

/** Lambda's own limit on a function's unzipped package, and the project's target (issue 13). */
export const LAMBDA_LIMIT_BYTES = 250 * 1024 * 1024;
export const TARGET_BYTES = 120 * 1024 * 1024;

/**
 * Builds the functions of serverless.yml as `serverless package` would, into outDir (emptied first): one
 * bundle per handler module, at the module's path, with nothing else beside it.
 */
export async function buildLambdaBundle(projectRoot: string, outDir: string): Promise<LambdaBundle> {
  const config = lambdaBuildConfig(
    readFileSync(path.join(projectRoot, "serverless.yml"), "utf8"),
    projectRoot,
  );
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    ...config.esbuild,
    entryPoints: config.entryPoints,
    outbase: projectRoot,
    outdir: outDir,
    metafile: true,
    logLevel: "silent",
  });
  const files = Object.entries(result.metafile.outputs).map(([file, output]) => ({
    path: path.relative(outDir, path.resolve(file)),
    bytes: output.bytes,
  }));
  return {
    outDir,
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    functions: config.functions.map((fn) => ({ ...fn, file: `${fn.module}${config.outputExtension}` })),
  };
}
