import fc from "fast-check";
import { recomputeRepositories } from "../../src/convert/recompute.js";
import { earliest } from "../../src/metrics/arithmetic.js";
import { computeDora, prKey, type DoraInput } from "../../src/metrics/dora.js";
import { computeDoraWeeks } from "../../src/metrics/dora-weeks.js";
import { productionDeployments } from "../../src/metrics/deployments.js";
import { DEFAULT_PRODUCTION_ENVIRONMENT } from "../../src/metrics/repo-config.js";
import { getDora } from "../../src/query/dora.js";
import type { DeploymentRecord } from "../../src/records/types.js";
import type { Store } from "../../src/storage/store.js";
import { writeDeployments } from "../../src/storage/write/deployments.js";
import { seedPullRequests, seedRepository, withConfig } from "../api/seed.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { commitRecord, deploymentRecord } from "../harness/factories.js";
import {
  pullRequestsArb,
  rangeArb,
  REPOS,
  WINDOW_START,
  type RandomPr,
} from "../metrics/rollup-arbitraries.js";

/**
 * DORA from the compact stores (the rollups' merge pairs, the deployment weeks) equals the direct
 * computation over the stored PRs, their commits and every deployment record, for random PRs,
 * deployments, ranges (any hour, day or week: mid-week edges included), each repository's production
 * pattern, and deployments written as webhooks bring them: each status on its own, in any order.
 */
const db = useTestDatabase();
const HOUR_MS = 3_600_000;
const LIVE = "^(live|staging)$";
const patternOf = (pattern: string | undefined) =>
  pattern === undefined ? {} : { productionEnvironment: pattern };

const deploymentsArb = fc.array(
  fc.record({
    repo: fc.constantFrom(...REPOS),
    // Often on the hour: deployments created at the same instant (ordered by id) and on range edges.
    minutes: fc.oneof(
      fc.integer({ min: 0, max: 10 * 7 * 24 }).map((hours) => hours * 60),
      fc.integer({ min: 0, max: 10 * 7 * 24 * 60 }),
    ),
    environment: fc.constantFrom("production", "production", "Prod", "staging", "live"),
    // Mostly successes, so most merged PRs have a deployment that ships them; a later status may supersede.
    states: fc.array(fc.constantFrom("success", "success", "failure", "error", "inactive", "in_progress"), {
      maxLength: 3,
    }),
  }),
  { maxLength: 40, size: "max" },
);

type RandomDeployment = {
  repo: (typeof REPOS)[number];
  minutes: number;
  environment: string;
  states: string[];
};

function records(deployments: readonly RandomDeployment[]): DeploymentRecord[] {
  return deployments.map((deployment, index) => {
    const createdAt = new Date(WINDOW_START + deployment.minutes * 60_000);
    return deploymentRecord({
      installationId: 1,
      repoId: deployment.repo.repoId,
      deploymentId: index + 1,
      environment: deployment.environment,
      createdAt,
      statuses: deployment.states.map((state, at) => ({
        statusId: (index + 1) * 10 + at,
        state,
        createdAt: new Date(createdAt.getTime() + at * 60_000),
      })),
    });
  });
}

/** Each deployment's delivery and each status's, as separate writes (a status carries its deployment). */
const deliveriesOf = (deployments: readonly DeploymentRecord[]): DeploymentRecord[] =>
  deployments.flatMap((deployment) => [
    { ...deployment, statuses: [] },
    ...deployment.statuses.map((status) => ({ ...deployment, statuses: [status] })),
  ]);

/** The direct computation: PRs, their commits, every deployment, each repository's own pattern. */
async function direct(
  store: Store,
  range: { since: Date; until: Date },
  patterns: ReadonlyMap<number, string>,
  repoId?: number,
) {
  const scope = { installationId: 1, ...(repoId === undefined ? {} : { repoId }) };
  const prs = await store.pullRequests
    .find({ ...scope, mergedAt: { $gte: range.since, $lt: range.until } }, "repoId number createdAt mergedAt")
    .lean();
  const commits = await store.commits.find(scope).lean();
  const firsts = new Map<string, (Date | null)[]>();
  for (const commit of commits) {
    const key = prKey(commit.repoId, commit.prNumber);
    firsts.set(key, [...(firsts.get(key) ?? []), commit.authoredAt]);
  }
  const deployments: DeploymentRecord[] = await store.deployments.find(scope).lean();
  const production = REPOS.flatMap((repo) =>
    productionDeployments(
      deployments.filter((deployment) => deployment.repoId === repo.repoId),
      patterns.get(repo.repoId) ?? DEFAULT_PRODUCTION_ENVIRONMENT,
    ),
  );
  const input: DoraInput = {
    prs,
    commitsByPr: new Map([...firsts].map(([key, dates]) => [key, earliest(dates)])),
    deployments: production,
    ...range,
    productionPattern: "",
  };
  return { ...computeDora(input), weeks: computeDoraWeeks(input) };
}

/** The PRs (merged or open) with two commits each where they have a first commit. */
async function seedMerges(store: Store, prs: readonly RandomPr[]): Promise<void> {
  const numbered = prs.map((pr, index) => ({ ...pr, number: index + 1, installationId: 1 }));
  await seedPullRequests(
    store,
    numbered.map(({ firstCommitAt, metrics: _metrics, ...pr }) => ({
      ...pr,
      state: pr.mergedAt ? ("merged" as const) : ("open" as const),
      firstCommitAt,
    })),
  );
  const commits = numbered.flatMap((pr) =>
    pr.firstCommitAt
      ? [0, 5].map((later) =>
          commitRecord({
            installationId: 1,
            repoId: pr.repoId,
            prNumber: pr.number,
            authoredAt: new Date((pr.firstCommitAt as Date).getTime() + later * HOUR_MS),
          }),
        )
      : [],
  );
  if (commits.length > 0) await store.commits.insertMany(commits);
}

const setPattern = (store: Store, repoId: number, pattern: string | undefined) =>
  store.repositories.updateOne({ installationId: 1, repoId }, { $set: withConfig(patternOf(pattern)) });

it("DORA from the compact stores equals the direct computation, before and after a config change", async () => {
  const store = db.store();
  const patternArb = fc.constantFrom(undefined, LIVE);
  await fc.assert(
    fc.asyncProperty(
      pullRequestsArb(30),
      deploymentsArb.chain((deployments) => {
        const deliveries = deliveriesOf(records(deployments));
        return fc.tuple(
          fc.shuffledSubarray(deliveries, { minLength: deliveries.length }),
          fc.integer({ min: 1, max: 6 }),
        );
      }),
      rangeArb,
      fc.option(fc.constantFrom(...REPOS), { nil: undefined }),
      fc.tuple(patternArb, patternArb, patternArb),
      fc.record({ repo: fc.constantFrom(...REPOS), pattern: patternArb }),
      async (prs, [deliveries, batch], range, repo, patterns, change) => {
        await clearStore(store);
        for (const [index, { repoId, repo: fullName }] of REPOS.entries())
          await seedRepository(store, 1, repoId, fullName, withConfig(patternOf(patterns[index])));
        await seedMerges(store, prs);
        // Out of order, a few at a time, as deliveries and sync pages interleave.
        for (let start = 0; start < deliveries.length; start += batch)
          await writeDeployments(store, deliveries.slice(start, start + batch));
        const query = { ...range, ...(repo ? { repo: repo.repo } : {}) };
        const byRepo = new Map(REPOS.map(({ repoId }, index) => [repoId, patterns[index]]));
        const expectFigures = async () => {
          const { productionEnvironments: _patterns, ...figures } = await getDora(store, 1, query);
          const expected = new Map([...byRepo].flatMap(([id, p]) => (p === undefined ? [] : [[id, p]])));
          expect(figures).toEqual(await direct(store, range, expected, repo?.repoId));
        };
        await expectFigures();
        // A repository's production pattern changes, then `mergelens recompute`.
        await setPattern(store, change.repo.repoId, change.pattern);
        byRepo.set(change.repo.repoId, change.pattern);
        await recomputeRepositories(
          store,
          REPOS.map(({ repoId, repo: fullName }) => ({ installationId: 1, repoId, fullName })),
          () => undefined,
        );
        await expectFigures();
      },
    ),
    { numRuns: 15 },
  );
  // Fifteen databases seeded and recomputed: far past the default timeout on a loaded machine.
}, 120_000);
