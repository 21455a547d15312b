import type { AggregatablePullRequest } from "../metrics/aggregate.js";
import { buildWeekRollup, rollupWeeksOf, type WeekRollup } from "../metrics/rollup-build.js";
import { countWeek } from "../metrics/week-counts.js";
import { WEEK_MS } from "../metrics/week.js";
import type { RepositoryKey } from "../records/types.js";
import { ROLLUP_LAYOUT, rollupId } from "../storage/models/rollup.js";
import { encodeNumbers, encodePart, encodePeople } from "../storage/rollups/codec.js";
import { encodeDays } from "../storage/rollups/days-codec.js";
import {
  readPullRequestsInRanges,
  type RolledPullRequest,
  type TimeRange,
} from "../storage/rollups/read-pull-requests.js";
import { mergeInstallationWeeks } from "../storage/rollups/merge-installation-weeks.js";
import { writeSlicesIfNewer } from "../storage/rollups/write-slices.js";
import type { Store } from "../storage/store.js";
import { upsertWithRetry } from "../storage/write/upsert-if-newer.js";

/** Weeks rebuilt together: bounds the PRs held in memory (a quarter of a busy repository). */
const WEEKS_PER_ROUND = 13;

/** Runs of consecutive weeks as time ranges: one pair of index reads per run, not per week. */
function rangesOf(weeks: readonly number[]): TimeRange[] {
  const ranges: TimeRange[] = [];
  for (const week of weeks) {
    const last = ranges.at(-1);
    if (last && last.until.getTime() === week) last.until = new Date(week + WEEK_MS);
    else ranges.push({ since: new Date(week), until: new Date(week + WEEK_MS) });
  }
  return ranges;
}

function byWeek(prs: readonly RolledPullRequest[], weeks: ReadonlySet<number>) {
  const found = new Map<number, RolledPullRequest[]>();
  for (const pr of prs) {
    for (const week of rollupWeeksOf(pr)) {
      if (!weeks.has(week)) continue;
      const list = found.get(week);
      if (list) list.push(pr);
      else found.set(week, [pr]);
    }
  }
  return found;
}

const isEmpty = (rollup: WeekRollup) => rollup.total.merged === 0 && rollup.total.opened === 0;

/**
 * Rebuilds some weeks' rollups: marks them (a new mark for each change), reads the marks, reads the
 * weeks' PRs on an index, and writes each rollup only if no change was marked since its mark was read.
 * A rebuild that lost that race was stale, and the one that marked after it writes. So the rollups end
 * exactly as the PRs are, whatever the order of writes, replays or concurrent workers. Slices (people,
 * days) are written first, each unless a later mark's is stored.
 */
async function rebuildRound(store: Store, repo: RepositoryKey, weeks: readonly number[]): Promise<void> {
  const scope = { installationId: repo.installationId, repoId: repo.repoId };
  await upsertWithRetry(() =>
    store.rollups.bulkWrite(
      weeks.map((week) => ({
        updateOne: {
          filter: { _id: rollupId(repo.installationId, repo.repoId, new Date(week)) },
          update: { $inc: { marks: 1 }, $setOnInsert: { ...scope, week: new Date(week) } },
          upsert: true,
        },
      })),
      { ordered: false },
    ),
  );
  const marked = await store.rollups
    .find({ ...scope, week: { $in: weeks.map((week) => new Date(week)) } }, { _id: 1, week: 1, marks: 1 })
    .lean();
  const prs = byWeek(await readPullRequestsInRanges(store, scope, rangesOf(weeks)), new Set(weeks));
  const built = marked.map(({ _id, week, marks }) => ({
    _id,
    week,
    marks,
    rollup: buildWeekRollup(prs.get(week.getTime()) ?? [], week),
    counts: countWeek(prs.get(week.getTime()) ?? [], week),
  }));
  await writeSlicesIfNewer(
    store,
    built.map(({ _id, week, marks, rollup }) => ({
      ...scope,
      rollupId: _id,
      week,
      marks,
      data: isEmpty(rollup)
        ? null
        : {
            authors: encodePeople(rollup.authors),
            reviewers: encodePeople(rollup.reviewers),
            days: encodeDays(rollup.days, ["total"]),
            dayHours: encodeDays(rollup.days, ["hours"]),
            dayAuthors: encodeDays(rollup.days, ["authors"]),
            dayReviewers: encodeDays(rollup.days, ["reviewers"]),
          },
    })),
  );
  // An empty week keeps its document, parts left out: `marks` must only grow, for its slices' sake.
  const writes = built.map(({ _id, week, marks, rollup, counts }) => ({
    replaceOne: {
      filter: { _id, marks },
      replacement: {
        _id,
        ...scope,
        week,
        marks,
        layout: ROLLUP_LAYOUT,
        ...(isEmpty(rollup)
          ? {}
          : {
              total: encodePart(rollup.total),
              counts: encodeNumbers(counts),
              merges: encodeNumbers(rollup.merges),
            }),
      },
    },
  }));
  if (writes.length > 0) await store.rollups.bulkWrite(writes, { ordered: false });
}

/**
 * Rebuilds the rollups of these weeks (their Mondays, in ms) of one repository from its stored PRs,
 * then the installation's sums of those weeks.
 */
export async function rebuildRollups(
  store: Store,
  repo: RepositoryKey,
  weeks: Iterable<number>,
  options: { mergeInstallation?: boolean } = {},
): Promise<void> {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b);
  for (let start = 0; start < sorted.length; start += WEEKS_PER_ROUND) {
    await rebuildRound(store, repo, sorted.slice(start, start + WEEKS_PER_ROUND));
  }
  // A caller rebuilding many repositories adds the installation's weeks up once, after them all.
  if (options.mergeInstallation !== false) await mergeInstallationWeeks(store, repo.installationId, sorted);
}

/** The weeks a PR's conversion must rebuild: those it counts in now, and those it counted in before. */
export function weeksToRebuild(
  stored: Pick<AggregatablePullRequest, "createdAt" | "mergedAt"> & { rollupWeeks?: Date[] },
): number[] {
  return [
    ...new Set([...(stored.rollupWeeks ?? []).map((week) => week.getTime()), ...rollupWeeksOf(stored)]),
  ];
}
