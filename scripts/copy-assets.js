// `npm run build`, after tsc: the files the compiled code reads beside itself (tsc copies only .ts output).
import { cpSync, rmSync } from "node:fs";

const ASSET_DIRS = ["dashboard/public"];

for (const dir of ASSET_DIRS) {
  rmSync(`dist/${dir}`, { recursive: true, force: true });
  cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
