import { WEEK_MS, weekStart } from "../../metrics/week.js";
import type { DeploymentRecord, RepositoryKey } from "../../records/types.js";
import {
  DEPLOYMENT_WEEK_LAYOUT,
  deploymentWeekId,
  type DeploymentWeekDocument,
} from "../models/deployment-week.js";
import type { Store } from "../store.js";
import { upsertWithRetry } from "../write/upsert-if-newer.js";
import { encodeDeploymentWeek, type WeekDeployment } from "./codec.js";

/** Weeks rebuilt together: bounds the deployments held in memory (a quarter of a busy repository). */
const WEEKS_PER_ROUND = 13;

/** The fields a week's document is built from. */
const WEEK_FIELDS = { _id: 0, createdAt: 1, deploymentId: 1, environment: 1, statuses: 1 } as const;

/** Runs of consecutive weeks as ranges: one index read per run, not per week. */
function runsOf(weeks: readonly number[]): { since: number; until: number }[] {
  const runs: { since: number; until: number }[] = [];
  for (const week of weeks) {
    const last = runs.at(-1);
    if (last && last.until === week) last.until = week + WEEK_MS;
    else runs.push({ since: week, until: week + WEEK_MS });
  }
  return runs;
}

/**
 * Rebuilds some weeks of one repository's section as `rebuildRollups` does the PR rollups: marks them,
 * reads the marks, reads the weeks' deployments on `{installationId, repoId, createdAt}`, and writes each
 * section only if no change was marked since its mark was read. The last rebuild to mark read every
 * write before it, so the sections end as the deployments are, whatever the interleaving. A section
 * left empty is kept (count 0), so its marks only ever grow.
 */
async function rebuildRound(store: Store, repo: RepositoryKey, weeks: readonly number[]): Promise<void> {
  const { installationId, repoId } = repo;
  const section = `repos.${repoId}`;
  await upsertWithRetry(() =>
    store.deploymentWeeks.bulkWrite(
      weeks.map((week) => ({
        updateOne: {
          filter: { _id: deploymentWeekId(installationId, new Date(week)) },
          update: {
            $inc: { [`${section}.marks`]: 1 },
            $setOnInsert: { installationId, week: new Date(week) },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    ),
  );
  const marked = await store.deploymentWeeks
    .find(
      { installationId, week: { $in: weeks.map((week) => new Date(week)) } },
      { _id: 1, week: 1, [`${section}.marks`]: 1 },
    )
    .lean<Pick<DeploymentWeekDocument, "_id" | "week" | "repos">[]>();
  const reads = runsOf(weeks).map(({ since, until }) =>
    store.deployments
      .find(
        { installationId, repoId, createdAt: { $gte: new Date(since), $lt: new Date(until) } },
        WEEK_FIELDS,
      )
      .lean<WeekDeployment[]>()
      .exec(),
  );
  const byWeek = new Map<number, WeekDeployment[]>();
  for (const deployment of (await Promise.all(reads)).flat()) {
    const week = weekStart(deployment.createdAt).getTime();
    const list = byWeek.get(week);
    if (list) list.push(deployment);
    else byWeek.set(week, [deployment]);
  }
  const writes = marked.flatMap(({ _id, week, repos }) => {
    const marks = repos?.[String(repoId)]?.marks;
    if (marks === undefined) return [];
    const encoded = encodeDeploymentWeek(byWeek.get(week.getTime()) ?? []);
    const fields = { layout: DEPLOYMENT_WEEK_LAYOUT, ...encoded };
    const update = Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [`${section}.${key}`, value]),
    );
    return [{ updateOne: { filter: { _id, [`${section}.marks`]: marks }, update: { $set: update } } }];
  });
  if (writes.length > 0) await store.deploymentWeeks.bulkWrite(writes, { ordered: false });
}

/** Rebuilds these weeks (their Mondays, in ms) of one repository from its stored deployments. */
export async function rebuildDeploymentWeeks(
  store: Store,
  repo: RepositoryKey,
  weeks: Iterable<number>,
): Promise<void> {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b);
  for (let start = 0; start < sorted.length; start += WEEKS_PER_ROUND) {
    await rebuildRound(store, repo, sorted.slice(start, start + WEEKS_PER_ROUND));
  }
}

/** Rebuilds the weeks of these deployments (any repositories of one installation), each week once. */
export async function rebuildWeeksOf(
  store: Store,
  deployments: readonly Pick<DeploymentRecord, "installationId" | "repoId" | "createdAt">[],
): Promise<void> {
  const byRepo = new Map<number, { installationId: number; weeks: Set<number> }>();
  for (const { installationId, repoId, createdAt } of deployments) {
    const repo = byRepo.get(repoId) ?? { installationId, weeks: new Set<number>() };
    repo.weeks.add(weekStart(createdAt).getTime());
    byRepo.set(repoId, repo);
  }
  for (const [repoId, { installationId, weeks }] of byRepo)
    await rebuildDeploymentWeeks(store, { installationId, repoId }, weeks);
}

/**
 * Rebuilds every week of one repository: from its first stored deployment's week to its last one's,
 * and any week holding a section of it (which may now be empty). For `recompute` and the start-up upgrade.
 */
export async function rebuildRepositoryDeploymentWeeks(store: Store, repo: RepositoryKey): Promise<void> {
  const { installationId, repoId } = repo;
  const edge = (order: 1 | -1) =>
    store.deployments
      .findOne({ installationId, repoId }, { _id: 0, createdAt: 1 })
      .sort({ createdAt: order })
      .lean<Pick<DeploymentRecord, "createdAt">>()
      .exec();
  const [first, last] = await Promise.all([edge(1), edge(-1)]);
  const held = await store.deploymentWeeks
    .find({ installationId }, { _id: 0, week: 1, [`repos.${repoId}.marks`]: 1 })
    .lean<Pick<DeploymentWeekDocument, "week" | "repos">[]>();
  const weeks = held.filter((doc) => doc.repos?.[String(repoId)]).map((doc) => doc.week.getTime());
  if (first && last) {
    for (let week = weekStart(first.createdAt).getTime(); week <= last.createdAt.getTime(); week += WEEK_MS)
      weeks.push(week);
  }
  await rebuildDeploymentWeeks(store, repo, weeks);
}
