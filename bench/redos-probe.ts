import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { startSimulator, type Simulator } from "../src/simulator/server.js";
import { createQueue, enqueue } from "../src/sync/queue.js";
import { beginBackfill } from "../src/sync/repository-state.js";
import { startAppProcess } from "./app-process.js";
import { openBenchDatabase, startBenchServer, uriForDatabase } from "./database.js";
import { benchPrivateKey, BENCH_APP_ID } from "./github-app.js";

/**
 * Issue 12's ReDoS proof, measured (not asserted): `npm run bench:redos`. An organisation of 60 PRs is
 * backfilled by `src/main.ts` twice, once clean and once with the two hostile inputs planted: a commit
 * whose Co-authored-by trailer is padded with 60 KB of blanks, and a repository whose
 * `.github/mergelens.yml` adds `^(a+)+$` with a trailer that makes backtracking explode. `/healthz` is
 * polled every 500 ms from this process throughout. Target: its slowest answer under 100 ms, and the
 * planted backfill no slower than the clean one.
 */
const POLL_MS = 500;
const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The two planted PRs (repository id, number), to check their stored evidence afterwards. */
function plant(sim: Simulator): { repoId: number; number: number }[] {
  const [first, second] = sim.org.repos;
  first.config = "ai:\n  coAuthorPatterns: ['^(a+)+$']\n";
  const merged = (repo: string) => sim.org.pulls(repo).filter((pull) => pull.mergedAt !== null);
  // The newest merged PRs: the oldest of the 120 simulated days fall outside a 90-day backfill.
  const padded = merged(second.name).at(-1);
  const exploding = merged(first.name).at(-1);
  if (!padded || !exploding) throw new Error("no merged PR to plant the inputs in");
  sim.org.detailsOf(padded).commits()[0].message =
    `Work\n\nCo-authored-by: Claude <noreply@anthropic.com>${" ".repeat(60_000)}\n`;
  sim.org.detailsOf(exploding).commits()[0].message = `Work\n\nCo-authored-by: ${"a".repeat(32)}!\n`;
  return [
    { repoId: second.id, number: padded.number },
    { repoId: first.id, number: exploding.number },
  ];
}

async function backfillOnce(mongoUri: string, planted: boolean) {
  const sim = await startSimulator({ seed: "redos", repos: 2, prsPerRepo: 30 });
  const plantedPulls = planted ? plant(sim) : [];
  const database = await openBenchDatabase(mongoUri, "redos");
  const { store } = database;
  const org = sim.org;
  await store.installations.create({
    installationId: org.installationId,
    account: { id: org.id, login: org.login, type: "Organization" },
    repositorySelection: "all",
  });
  await store.repositories.create(
    org.repos.map((repo) => ({
      installationId: org.installationId,
      repoId: repo.id,
      fullName: repo.fullName,
    })),
  );
  const app = await startAppProcess(
    {
      APP_ID: String(BENCH_APP_ID),
      PRIVATE_KEY: benchPrivateKey(),
      WEBHOOK_SECRET: randomBytes(16).toString("hex"),
      ...sim.env,
      MONGODB_URI: uriForDatabase(mongoUri, database.name),
      LOG_LEVEL: "warn",
    },
    60_000,
  );
  try {
    const mongo = store.db.db;
    if (!mongo) throw new Error("no database handle");
    const queue = await createQueue(mongo);
    const started = Date.now();
    for (const repo of org.repos) {
      const ref = { installationId: org.installationId, repoId: repo.id };
      await beginBackfill(store, ref, 90, new Date());
      await enqueue(queue, "backfill-repository", { ...ref, days: 90 });
    }
    let slowestHealthzMs = 0;
    for (;;) {
      const asked = Date.now();
      await fetch(`${app.url}/healthz`);
      slowestHealthzMs = Math.max(slowestHealthzMs, Date.now() - asked);
      const done = await store.repositories.countDocuments({ "backfill.completedAt": { $ne: null } });
      if (done === org.repos.length) break;
      await sleep(POLL_MS);
    }
    const backfillMs = Date.now() - started;
    const flagged = await store.pullRequests.countDocuments({ aiEvidence: /^co-author:Claude/ });
    // The planted inputs were read: the padded trailer's evidence, and the exploding trailer's message.
    const evidence = await Promise.all(
      plantedPulls.map(async (pull) => {
        const pr = await store.pullRequests.findOne(pull, { aiEvidence: 1 }).lean();
        const commits = await store.commits.countDocuments({
          repoId: pull.repoId,
          prNumber: pull.number,
          message: /Co-authored-by: a{32}!/,
        });
        return `#${pull.number}: ${JSON.stringify(pr?.aiEvidence)} commits with the exploding trailer ${commits}`;
      }),
    );
    if (evidence.length > 0) console.error(evidence.join("\n"));
    await queue.agenda.stop();
    return { backfillMs, slowestHealthzMs, flagged };
  } finally {
    await app.stop();
    await database.drop();
    await sim.stop();
  }
}

const server = await startBenchServer(PROJECT_ROOT);
try {
  const clean = await backfillOnce(server.uri, false);
  const planted = await backfillOnce(server.uri, true);
  const row = (name: string, r: typeof clean) =>
    `${name.padEnd(8)} backfill ${(r.backfillMs / 1000).toFixed(1).padStart(6)} s   slowest /healthz ${String(r.slowestHealthzMs).padStart(5)} ms   PRs with a Claude co-author ${r.flagged}`;
  console.log(row("clean", clean));
  console.log(row("planted", planted));
  const ok = planted.slowestHealthzMs < 100 && planted.backfillMs <= clean.backfillMs * 1.1;
  console.log(ok ? "PASS: /healthz under 100 ms, no slower than clean (10% noise)" : "FAIL");
} finally {
  await server.stop();
}
