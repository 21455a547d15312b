import { commitSha, type World } from "./generate-pull.js";
import type { Account, CommitModel, FileModel, PullModel } from "./model.js";
import { commitEmail } from "./people.js";
import { chance, HOUR, pick, rng, sha, skewed } from "./random.js";
import { COMMIT_FOLLOW_UPS, filePath } from "./vocabulary.js";

const TRAILERS = {
  claude: "Co-authored-by: Claude <noreply@anthropic.com>",
  copilot: "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
  "claude-code":
    "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-authored-by: Claude <noreply@anthropic.com>",
} as const;

function firstMessage(pull: PullModel): string {
  if (pull.kind !== "revert") return pull.title;
  const reverted = /This reverts commit ([0-9a-f]+)/.exec(pull.body)?.[1] ?? "";
  return `${pull.title}\n\nThis reverts commit ${reverted}.`;
}

/** The commits of the PR's current head version, oldest first; the last one is `headSha`. */
export function generateCommits(world: World, pull: PullModel): CommitModel[] {
  const r = rng(world.seed, pull.repo, pull.number, "commits", pull.headVersion);
  const count = pull.commits;
  const firstAt = Math.min(pull.createdAt - skewed(r, 10 * HOUR), pull.headAt);
  const pushedAt = pull.headVersion > 0 ? pull.headAt : null;
  const human: Account = pull.author.type === "User" ? pull.author : (pull.mergedBy ?? pull.reviewers[0]);
  const commits: CommitModel[] = [];
  for (let i = 0; i < count; i++) {
    const authoredAt =
      i === count - 1
        ? pull.headAt
        : Math.floor(firstAt + ((pull.headAt - firstAt) * (i + r() * 0.8)) / count);
    const merge = i > 0 && chance(r, 0.05);
    let message =
      i === 0
        ? firstMessage(pull)
        : merge
          ? `Merge branch '${pull.baseRef}' into ${pull.headRef}`
          : pick(r, COMMIT_FOLLOW_UPS);
    let author = pull.author;
    if (i > 0 && !merge && chance(r, 0.08)) {
      author = pick(r, pull.reviewers.filter((a) => a.type === "User").concat(human));
      message = "Apply suggestions from code review";
    }
    if (pull.aiTrailer && (i === 0 || chance(r, 0.5))) message += `\n\n${TRAILERS[pull.aiTrailer]}`;
    else if (pull.kind === "agent") message += `\n\nCo-authored-by: ${human.login} <${commitEmail(human)}>`;
    else if (author.type === "User" && chance(r, 0.03)) {
      const pair = pick(r, pull.reviewers.filter((a) => a.type === "User").concat(human));
      message += `\n\nCo-authored-by: ${pair.name} <${commitEmail(pair)}>`;
    }
    const parent = i === 0 ? pull.baseSha : commits[i - 1].sha;
    commits.push({
      sha: commitSha(world, pull.repo, pull.number, pull.headVersion, i),
      message,
      author,
      authoredAt,
      // A rebase before a force push rewrites committer dates, not author dates.
      committedAt: pushedAt === null ? authoredAt : pushedAt - (count - 1 - i) * 1000,
      parents: merge ? [parent, sha(world.seed, pull.repo, pull.number, "main", i)] : [parent],
      additions: Math.round(pull.additions / count),
      deletions: Math.round(pull.deletions / count),
    });
  }
  return commits;
}

/** Splits `total` over `weights` exactly (largest share first gets the rounding remainder). */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const first = weights.findIndex((w) => w > 0);
  shares[first] += total - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/** The changed files; their additions and deletions add up to the PR's own. */
export function generateFiles(world: World, pull: PullModel, language: string): FileModel[] {
  const r = rng(world.seed, pull.repo, pull.number, "files");
  if (pull.kind === "dependency") {
    const names = ["package.json", "package-lock.json"];
    const adds = spread(pull.additions, [1, 9]);
    const dels = spread(pull.deletions, [1, 9]);
    return names.map((filename, i) => ({
      sha: sha(world.seed, pull.repo, pull.number, "file", i),
      filename,
      status: "modified",
      previousFilename: null,
      additions: adds[i],
      deletions: dels[i],
    }));
  }
  const statuses = Array.from({ length: pull.files }, (_, i) => {
    const x = r();
    if (i === 0 || x > 0.3) return "modified" as const;
    return x < 0.2 ? ("added" as const) : x < 0.25 ? ("removed" as const) : ("renamed" as const);
  });
  const weights = statuses.map(() => r() ** 2 + 0.01);
  const adds = spread(
    pull.additions,
    weights.map((w, i) => (statuses[i] === "removed" ? 0 : w)),
  );
  const dels = spread(
    pull.deletions,
    weights.map((w, i) => (statuses[i] === "added" ? 0 : w)),
  );
  return statuses.map((status, i) => {
    const filename = filePath(r, language, i);
    return {
      sha: sha(world.seed, pull.repo, pull.number, "file", i),
      filename,
      status,
      previousFilename: status === "renamed" ? filename.replace(/(\.\w+)$/, `-old$1`) : null,
      additions: adds[i],
      deletions: dels[i],
    };
  });
}
