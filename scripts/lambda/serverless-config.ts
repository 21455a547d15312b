import { existsSync } from "node:fs";
import path from "node:path";
import type { BuildOptions } from "esbuild";
import { parse } from "yaml";
import { z } from "zod";

/**
 * serverless.yml's `build.esbuild` and handlers, as esbuild options: the Serverless Framework v4 CLI
 * downloads itself at first run (its npm package holds only a launcher), so CI and offline machines drive
 * esbuild directly with the yml's own options, and the two cannot drift. A key this mapping does not know
 * fails the build instead of being dropped.
 */
const esbuildSection = z
  .object({
    bundle: z.boolean().optional(),
    minify: z.boolean().optional(),
    format: z.enum(["esm", "cjs"]).optional(),
    platform: z.literal("node").optional(),
    target: z.string().optional(),
    outputFileExtension: z.enum([".js", ".mjs", ".cjs"]).optional(),
    banner: z.object({ js: z.string() }).strict().optional(),
    exclude: z.array(z.string()).optional(),
    // Packages serverless installs beside the bundle with their production dependencies: measuring
    // those too is not built yet, so they are refused rather than silently left out of the size.
    external: z.array(z.string()).max(0, "externals are not supported by this build: bundle them").optional(),
  })
  .strict();

const handler = z.string().regex(/^[\w./-]+\.\w+$/, "a handler is <file without extension>.<export>");
const serverlessYml = z.object({
  provider: z.object({ runtime: z.string() }),
  build: z.object({ esbuild: esbuildSection }),
  functions: z.record(z.string(), z.object({ handler })),
});

export interface LambdaFunction {
  name: string;
  /** The handler's module, relative to the project root, without extension (as serverless.yml names it). */
  module: string;
  exportName: string;
}

export interface LambdaBuildConfig {
  esbuild: BuildOptions;
  /** Source files, one per handler module. */
  entryPoints: string[];
  functions: LambdaFunction[];
  outputExtension: string;
}

/** Serverless v4's default for Node 18+ runtimes: the AWS SDK is in the runtime, never in the package. */
const DEFAULT_EXCLUDE = ["@aws-sdk/*"];

export function lambdaBuildConfig(ymlText: string, projectRoot: string): LambdaBuildConfig {
  const yml = serverlessYml.parse(parse(ymlText));
  const { outputFileExtension = ".js", exclude = DEFAULT_EXCLUDE, ...options } = yml.build.esbuild;
  const functions = Object.entries(yml.functions).map(([name, fn]) => {
    const dot = fn.handler.lastIndexOf(".");
    return { name, module: fn.handler.slice(0, dot), exportName: fn.handler.slice(dot + 1) };
  });
  const modules = [...new Set(functions.map((fn) => fn.module))];
  return {
    esbuild: {
      bundle: true,
      platform: "node",
      target: yml.provider.runtime.replace(/\.x$/, "").replace("nodejs", "node"),
      ...options,
      external: exclude,
      outExtension: { ".js": outputFileExtension },
    },
    entryPoints: modules.map((module) => sourceOf(projectRoot, module)),
    functions,
    outputExtension: outputFileExtension,
  };
}

function sourceOf(projectRoot: string, module: string): string {
  const file = [".ts", ".js", ".mjs"]
    .map((extension) => path.join(projectRoot, `${module}${extension}`))
    .find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`serverless.yml names handler module ${module}, which has no source file`);
  return file;
}
