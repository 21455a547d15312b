/**
 * `npm run build:lambda`: the Lambda package serverless.yml describes, built with its own esbuild options
 * into dist/lambda-bundle/, and its unzipped size against Lambda's limit.
 */
import { fileURLToPath } from "node:url";
import { buildLambdaBundle, LAMBDA_LIMIT_BYTES, TARGET_BYTES } from "./build-bundle.js";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT_DIR = fileURLToPath(new URL("../../dist/lambda-bundle", import.meta.url));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const bundle = await buildLambdaBundle(PROJECT_ROOT, OUT_DIR);
for (const file of bundle.files) process.stdout.write(`${file.path}  ${mb(file.bytes)}\n`);
for (const fn of bundle.functions)
  process.stdout.write(`function ${fn.name}: ${fn.file} → ${fn.exportName}\n`);
process.stdout.write(
  `unzipped package: ${mb(bundle.bytes)} in ${bundle.outDir} ` +
    `(target ≤ ${mb(TARGET_BYTES)}; Lambda's limit ${mb(LAMBDA_LIMIT_BYTES)})\n`,
);
if (bundle.bytes > TARGET_BYTES) process.exitCode = 1;
