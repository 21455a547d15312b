import type { Command } from "commander";
import type { CliContext } from "./context.js";

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export interface CommandEntry {
  name: string;
  /** Its line in `mergelens --help`: the command's own description (test/cli/commands.test.ts checks). */
  summary: string;
  load: () => Promise<RegisterCommand>;
  /** It only reads: the database is opened as it is, with no index sync or collection made (OpenOptions). */
  readsOnly?: true;
}

/**
 * Every top-level command, imported only when it runs: the command modules pull in mongoose, Agenda and
 * Probot (about 2 s), which `--help`, `--version` and usage errors of other commands do not need.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "token",
    summary: "manage query-API tokens",
    load: async () => (await import("./commands/token.js")).registerTokenCommands,
  },
  {
    name: "metrics",
    readsOnly: true,
    summary: "PR-flow aggregates (default: every repository, the 30 days before now, merged PRs)",
    load: async () => (await import("./commands/metrics.js")).registerMetricsCommand,
  },
  {
    name: "prs",
    readsOnly: true,
    summary: "list a repository's pull requests, newest first (since/until bound the creation time)",
    load: async () => (await import("./commands/prs.js")).registerPrsCommand,
  },
  {
    name: "sync",
    summary: "repository synchronisation",
    load: async () => (await import("./commands/sync.js")).registerSyncCommands,
  },
  {
    name: "backfill",
    summary: "fetch a repository's PR history (queued for the worker; shows progress until done)",
    load: async () => (await import("./commands/backfill.js")).registerBackfillCommand,
  },
  {
    name: "dora",
    readsOnly: true,
    summary: "delivery (DORA) figures per week from production deployments (default: the last 30 days)",
    load: async () => (await import("./commands/dora.js")).registerDoraCommand,
  },
  {
    name: "recompute",
    summary: "derive every stored PR's metrics and every rollup again (after a definition or config change)",
    load: async () => (await import("./commands/recompute.js")).registerRecomputeCommand,
  },
  {
    name: "inbox",
    readsOnly: true,
    summary: "webhook deliveries waiting, applied and set aside",
    load: async () => (await import("./commands/inbox.js")).registerInboxCommand,
  },
  {
    name: "replay",
    summary: "apply kept webhook deliveries again (after a fix); they stay INBOX_RETENTION_DAYS days",
    load: async () => (await import("./commands/inbox.js")).registerReplayCommand,
  },
];

/** The command a command line runs (`help <command>` shows that command's help): loaded in full. */
export function commandNamed(args: readonly string[]): CommandEntry | undefined {
  const words = args.filter((arg) => !arg.startsWith("-"));
  const name = words[0] === "help" ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}
