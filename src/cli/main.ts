import type { Env } from "../config/env.js";
import type { OpenDatabase } from "../runtime/database.js";
import { commandNamed } from "./command-list.js";
import { runCli } from "./program.js";

/**
 * The `mergelens` entry point (bin/mergelens.js). The database is the app's: MONGODB_URI, or, when it is
 * unset, the embedded server on `.data/` started for this command alone. That server's files are locked
 * while `npm start` runs on them, so then the command fails and says to set MONGODB_URI for both.
 * The database modules are imported on first use: `--help` and `--version` answer without loading them.
 */
let database: OpenDatabase | undefined;
let parsedEnv: Env | undefined;

// Lazily, so `--help` works whatever the environment holds (and loads neither zod nor cron-parser).
async function readEnv(): Promise<Env> {
  const { parseEnv } = await import("../config/env.js");
  return (parsedEnv ??= parseEnv(process.env));
}

async function openStore() {
  if (!database) {
    const env = await readEnv();
    // pino's default export: a bundle (npm run build) keeps only that of a CommonJS module.
    const [{ default: pino }, { openDatabase, embeddedStoragePath }] = await Promise.all([
      import("pino"),
      import("../runtime/database.js"),
    ]);
    try {
      // Warnings only: stdout carries the command's output, which scripts parse.
      database = await openDatabase(env, pino({ level: "warn" }, pino.destination(2)), {
        readsOnly: commandNamed(process.argv.slice(2))?.readsOnly,
      });
    } catch (error) {
      if (env.MONGODB_URI) throw error;
      throw new Error(
        `MONGODB_URI is unset and the embedded database under .data/ could not be opened ` +
          `(${error instanceof Error ? error.message : String(error)}); when the app is running on it, ` +
          `stop it or run both with MONGODB_URI`,
        { cause: error },
      );
    }
    if (!env.MONGODB_URI) {
      const { embeddedDatabaseNotice } = await import("./database-notice.js");
      const notice = await embeddedDatabaseNotice(database.store, embeddedStoragePath(process.cwd()));
      process.stderr.write(`mergelens: ${notice}`);
    }
  }
  return database.store;
}

const stdout = { write: (text: string) => void process.stdout.write(text) };
const stderr = { write: (text: string) => void process.stderr.write(text) };

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    store: openStore,
    env: readEnv,
    stdout,
    stderr,
    now: () => new Date(),
    tty: process.stdout.isTTY ? process.stdout : undefined,
  });
} finally {
  await database?.close();
}
