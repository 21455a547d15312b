#!/usr/bin/env node
// The published command runs the TypeScript sources through tsx (a dependency), like `npm start` does.
import { tsImport } from "tsx/esm/api";

await tsImport("../src/cli/main.ts", import.meta.url);
