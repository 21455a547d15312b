import fc from "fast-check";
import { earliest } from "../../src/metrics/arithmetic.js";
import { computeDora, prKey, type DoraInput } from "../../src/metrics/dora.js";
import { computeDoraWeeks } from "../../src/metrics/dora-weeks.js";
import { productionDeployments } from "../../src/metrics/deployments.js";
import { DEFAULT_REPO_CONFIG } from "../../src/metrics/repo-config.js";
import { getDora } from "../../src/query/dora.js";
import type { DeploymentRecord } from "../../src/records/types.js";
import type { Store } from "../../src/storage/store.js";
import { seedPullRequests, seedRepository } from "../api/seed.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { commitRecord, deploymentRecord } from "../harness/factories.js";
import { pullRequestsArb, rangeArb, REPOS, WINDOW_START } from "../metrics/rollup-arbitraries.js";

/**
 * DORA from the rollups' merge pairs (and the PRs of partial weeks) equals the direct computation over
 * the stored PRs, their commits and the deployments, for random PRs, deployments and ranges.
 */
const db = useTestDatabase();
const HOUR_MS = 3_600_000;

const deploymentsArb = fc.array(
  fc.record({
    repo: fc.constantFrom(...REPOS),
    hours: fc.integer({ min: 0, max: 10 * 7 * 24 }),
    environment: fc.constantFrom("production", "production", "Prod", "staging"),
    // Mostly successes, so most merged PRs have a deployment that ships them.
    state: fc.option(fc.constantFrom("success", "success", "success", "failure", "error", "inactive"), {
      nil: null,
    }),
  }),
  { maxLength: 40, size: "max" },
);

/** The direct computation, as `getDora` did before rollups: PRs, their commits, every deployment. */
async function direct(store: Store, range: { since: Date; until: Date }, repoId?: number) {
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
  const deployments: DeploymentRecord[] = await store.deployments
    .find({ ...scope, createdAt: { $gte: range.since } })
    .lean();
  const input: DoraInput = {
    prs,
    commitsByPr: new Map([...firsts].map(([key, dates]) => [key, earliest(dates)])),
    deployments: productionDeployments(deployments, DEFAULT_REPO_CONFIG.productionEnvironment),
    ...range,
    productionPattern: "",
  };
  return { ...computeDora(input), weeks: computeDoraWeeks(input) };
}

it("DORA from rollups equals the direct computation over PRs, commits and deployments", async () => {
  const store = db.store();
  await fc.assert(
    fc.asyncProperty(
      pullRequestsArb(30),
      deploymentsArb,
      rangeArb,
      fc.option(fc.constantFrom(...REPOS), { nil: undefined }),
      async (prs, deployments, range, repo) => {
        await clearStore(store);
        for (const { repoId, repo: fullName } of REPOS) await seedRepository(store, 1, repoId, fullName);
        // Numbered per repository, as GitHub numbers them.
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
        if (deployments.length > 0)
          await store.deployments.insertMany(
            deployments.map((deployment, index) => {
              const createdAt = new Date(WINDOW_START + deployment.hours * HOUR_MS);
              const statuses =
                deployment.state === null
                  ? []
                  : [{ statusId: index + 1, state: deployment.state, createdAt }];
              return deploymentRecord({
                installationId: 1,
                repoId: deployment.repo.repoId,
                deploymentId: index + 1,
                environment: deployment.environment,
                createdAt,
                statuses,
              });
            }),
          );
        const answer = await getDora(store, 1, { ...range, ...(repo ? { repo: repo.repo } : {}) });
        const { productionEnvironments: _patterns, ...figures } = answer;
        expect(figures).toEqual(await direct(store, range, repo?.repoId));
      },
    ),
    { numRuns: 15 },
  );
});
