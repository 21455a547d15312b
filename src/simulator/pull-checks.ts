import type { World } from "./generate-pull.js";
import { itemId } from "./ids.js";
import type { CheckRunModel, PullModel } from "./model.js";
import { chance, int, rng, skewed, type Rng } from "./random.js";

const MINUTE = 60_000;
const APPS = {
  actions: { id: 15368, slug: "github-actions", name: "GitHub Actions" },
  vercel: { id: 8329, slug: "vercel", name: "Vercel" },
  codecov: { id: 254, slug: "codecov", name: "Codecov" },
};

function conclusion(r: Rng): CheckRunModel["conclusion"] {
  const x = r();
  if (x < 0.07) return "failure";
  if (x < 0.08) return "timed_out";
  if (x < 0.085) return "startup_failure";
  if (x < 0.095) return "cancelled";
  if (x < 0.12) return "skipped";
  return "success";
}

/** The check suites and the names of the runs each one starts. */
function plan(r: Rng, pull: PullModel): Array<{ app: CheckRunModel["app"]; names: string[] }> {
  const names = ["build", "test", "lint"];
  if (chance(r, 0.5)) names.push("e2e");
  if (pull.repoIndex % 2 === 1) names.push("typecheck");
  // A big test matrix now and then, so check runs page past 100.
  if (chance(r, 0.01)) for (let shard = 1; shard <= 110; shard++) names.push(`test (shard ${shard}/110)`);
  const suites = [{ app: APPS.actions, names }];
  if (chance(r, 0.3)) suites.push({ app: APPS.vercel, names: ["Vercel – preview"] });
  if (chance(r, 0.2)) suites.push({ app: APPS.codecov, names: ["codecov/patch"] });
  return suites;
}

/**
 * The check runs on the PR's current head commit, with re-runs of failed ones under the same name.
 * Runs still going at the organisation's `now` are reported in progress.
 */
export function generateCheckRuns(world: World, pull: PullModel): CheckRunModel[] {
  const version = pull.headVersion;
  const r = rng(world.seed, pull.repo, pull.number, "checks", version);
  // Heads pushed after the generated `now` (a test's forcePush or new PR) count as finished.
  const clock = pull.headAt > world.now ? Number.POSITIVE_INFINITY : world.now;
  const runs: CheckRunModel[] = [];
  const add = (
    suiteIndex: number,
    app: CheckRunModel["app"],
    name: string,
    startedAt: number,
    rerun: boolean,
  ) => {
    const completedAt = Math.floor(startedAt + skewed(r, 4 * MINUTE) + 10_000);
    const result = rerun && chance(r, 0.8) ? "success" : conclusion(r);
    const done = completedAt <= clock;
    runs.push({
      id: itemId("checkRun", pull.repoIndex, pull.number, (version % 4) * 256 + runs.length),
      suiteId: itemId("checkSuite", pull.repoIndex, pull.number, (version % 4) * 4 + suiteIndex),
      app,
      name,
      headSha: pull.headSha,
      status: done ? "completed" : startedAt <= clock ? "in_progress" : "queued",
      conclusion: done ? result : null,
      startedAt,
      completedAt: done ? completedAt : null,
    });
    return done ? result : null;
  };
  plan(r, pull).forEach(({ app, names }, suiteIndex) => {
    for (const name of names) {
      const startedAt = pull.headAt + int(r, 30, 180) * 1000;
      const result = add(suiteIndex, app, name, startedAt, false);
      const failed = result === "failure" || result === "timed_out" || result === "startup_failure";
      if (failed && chance(r, 0.65)) {
        const last = runs[runs.length - 1];
        add(suiteIndex, app, name, (last.completedAt ?? startedAt) + int(r, 1, 10) * MINUTE, true);
      }
    }
  });
  return runs;
}
