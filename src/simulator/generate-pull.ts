import { itemId } from "./ids.js";
import type { Account, PullKind, PullModel, RepoModel } from "./model.js";
import { AI_AGENTS, BOTS, RELEASE_BOT, REVIEW_BOTS } from "./people.js";
import { chance, DAY, HOUR, int, pick, rng, sha, shuffled, skewed, type Rng } from "./random.js";
import { PACKAGES, slug, topic, version } from "./vocabulary.js";

/** What every generator needs to know about the organisation. */
export interface World {
  seed: string;
  org: string;
  now: number;
  /** How far back the history goes. */
  days: number;
}

const MINUTE = 60_000;

/** Sha of the i-th commit of a PR's head version; the head sha is the last one. */
export function commitSha(world: World, repo: string, number: number, version: number, i: number): string {
  return sha(world.seed, repo, number, "commit", version, i);
}

function chooseKind(r: Rng, repo: RepoModel, number: number): PullKind {
  const x = r();
  if (x < 0.1) return "dependency";
  if (x < 0.15) return "agent";
  if (x < 0.19 && number > 5) return "revert";
  if (x < 0.23) return "hotfix";
  if (x < 0.26 && repo.config) return "release";
  return x < 0.55 ? "fix" : "feature";
}

/** 1 in `rare` PRs gets a list longer than one page, so every list's pagination gets exercised. */
function size(r: Rng, typical: [number, number], rare: number, huge: [number, number]): number {
  return chance(r, 1 / rare) ? int(r, huge[0], huge[1]) : int(r, typical[0], typical[1]);
}

interface Identity {
  author: Account;
  title: string;
  headRef: string;
  body: string;
  labels: string[];
}

function identity(
  r: Rng,
  kind: PullKind,
  ctx: { world: World; repo: RepoModel; number: number; human: Account; earlier: (n: number) => PullModel },
): Identity {
  const { world, repo, number, human } = ctx;
  const what = topic(r);
  const closes = `Fixes ${world.org}/planning#${int(r, 1, 400)}`;
  switch (kind) {
    case "dependency": {
      const author = chance(r, 0.7) ? BOTS.dependabot : BOTS.renovate;
      const [pkg, from, to] = [pick(r, PACKAGES), version(r), version(r)];
      const headRef = author === BOTS.dependabot ? `dependabot/npm_and_yarn/${pkg}-${to}` : `renovate/${pkg}`;
      const body = `Bumps ${pkg} from ${from} to ${to}.`;
      return { author, title: `Bump ${pkg} from ${from} to ${to}`, headRef, body, labels: ["dependencies"] };
    }
    case "agent": {
      const author = pick(r, AI_AGENTS);
      const prefix = author === BOTS.copilotAgent ? "copilot" : author.login.replace("[bot]", "");
      const labels = chance(r, 0.3) ? ["ai-assisted"] : [];
      const body = `${closes}\n\nCo-authored-by: ${human.login} <${human.id}+${human.login}@users.noreply.github.com>`;
      return { author, title: what, headRef: `${prefix}/${slug(what)}`, body, labels };
    }
    case "revert": {
      const target = ctx.earlier(number - int(r, 1, Math.min(20, number - 1)));
      const reverted = target.mergeCommitSha ?? target.headSha;
      return {
        author: human,
        title: `Revert "${target.title}"`,
        headRef: `revert-${target.number}-${target.headRef}`,
        body: `Reverts ${world.org}/${repo.name}#${target.number}\n\nThis reverts commit ${reverted}.`,
        labels: [],
      };
    }
    case "hotfix": {
      const style = r();
      const title = style < 0.4 ? `hotfix: ${what.toLowerCase()}` : style < 0.5 ? `[hotfix] ${what}` : what;
      const headRef = chance(r, 0.6) ? `hotfix/${slug(what)}` : `${human.login}/${slug(what)}`;
      return {
        author: human,
        title,
        headRef,
        body: "Urgent fix for production.",
        labels: chance(r, 0.4) ? ["hotfix"] : [],
      };
    }
    case "release":
      return {
        author: RELEASE_BOT,
        title: `Release ${version(r)}`,
        headRef: `release/${number}`,
        body: "Automated release.",
        labels: ["release"],
      };
    default: {
      const labels = [kind === "fix" ? "bug" : "enhancement"].filter(() => chance(r, 0.6));
      if (chance(r, 0.1)) labels.push("needs-review");
      const headRef = chance(r, 0.5) ? `${kind}/${slug(what)}` : `${human.login}/${slug(what)}`;
      return { author: human, title: what, headRef, body: `## Summary\n${what}.\n\n${closes}`, labels };
    }
  }
}

/** A pull request's own fields, derived from (seed, repo, number) alone. */
export function generatePull(
  world: World,
  repo: RepoModel,
  number: number,
  ctx: { total: number; team: Account[]; earlier: (n: number) => PullModel; createdAt?: number },
): PullModel {
  const r = rng(world.seed, repo.name, number, "pull");
  const kind = chooseKind(r, repo, number);
  const team = shuffled(r, ctx.team);
  const id = identity(r, kind, { world, repo, number, human: team[0], earlier: ctx.earlier });
  const span = world.days * DAY;
  const createdAt =
    ctx.createdAt ?? Math.floor(world.now - span + ((number - 1 + r()) * span) / Math.max(ctx.total, 1));
  const bot = id.author.type === "Bot" && kind !== "agent";

  const openedAsDraft = kind === "agent" ? chance(r, 0.7) : !bot && chance(r, 0.25);
  const draftEvents: PullModel["draftEvents"] = [];
  if (openedAsDraft) {
    const ready = Math.floor(createdAt + skewed(r, 5 * HOUR) + MINUTE);
    draftEvents.push({ kind: "ready", at: ready });
    if (chance(r, 0.15)) {
      const back = Math.floor(ready + skewed(r, 3 * HOUR) + MINUTE);
      draftEvents.push(
        { kind: "draft", at: back },
        { kind: "ready", at: Math.floor(back + skewed(r, 4 * HOUR)) },
      );
    }
  }
  const readyAt = draftEvents.at(-1)?.at ?? createdAt;
  const fast = kind === "hotfix" ? 0.1 : 1;
  const reviewStart = readyAt + skewed(r, 3 * HOUR * fast, 1.1) + 2 * MINUTE;

  const outcome = r();
  const mergeAfter = bot ? createdAt + skewed(r, 10 * HOUR) : reviewStart + skewed(r, 6 * HOUR * fast, 1.2);
  let mergedAt: number | null = outcome < (bot ? 0.7 : 0.78) ? Math.max(mergeAfter, readyAt) + MINUTE : null;
  let closedAt: number | null = mergedAt ?? (outcome < 0.9 ? createdAt + skewed(r, 72 * HOUR) : null);
  if (closedAt !== null && closedAt > world.now) [mergedAt, closedAt] = [null, null];
  const end = closedAt ?? Math.min(world.now, Math.max(reviewStart, createdAt + HOUR) + skewed(r, 4 * HOUR));
  const activityEnd = Math.max(end, createdAt + MINUTE);
  // Some open drafts were never marked ready.
  const stillDraft = openedAsDraft && closedAt === null && chance(r, 0.35);
  const past = stillDraft ? [] : draftEvents.filter((event) => event.at <= activityEnd);

  const reviewers = team.slice(1, 1 + int(r, 1, 3));
  if (!bot && chance(r, 0.2)) reviewers.unshift(pick(r, REVIEW_BOTS));
  const reviewed = reviewStart <= activityEnd && !(bot && chance(r, 0.6));
  const reviews = reviewed ? size(r, [mergedAt ? 1 : 0, 4], 200, [101, 120]) : 0;
  const commits = kind === "dependency" || kind === "revert" ? 1 : size(r, [1, 9], 33, [101, 320]);
  const files =
    kind === "dependency" ? 2 : chance(r, 0.004) ? int(r, 2900, 3300) : size(r, [1, 25], 50, [101, 400]);
  const headAt = Math.max(createdAt - HOUR / 2, activityEnd - skewed(r, 90 * MINUTE) - 5 * MINUTE);
  const aiRoll = r();
  const aiTrailer =
    kind === "feature" || kind === "fix"
      ? aiRoll < 0.06
        ? "claude"
        : aiRoll < 0.09
          ? "copilot"
          : aiRoll < 0.12
            ? "claude-code"
            : null
      : null;

  return {
    repo: repo.name,
    repoIndex: repo.index,
    number,
    id: itemId("pull", repo.index, number, 0),
    kind,
    title: id.title,
    body: id.body,
    author: id.author,
    reviewers,
    assignees: chance(r, 0.4) && !bot ? [id.author] : [],
    labels: id.labels,
    milestone: chance(r, 0.2) ? pick(r, ["v2.0", "Q3 launch"]) : null,
    closingIssues: [...id.body.matchAll(/planning#(\d+)/g)].map((m) => Number(m[1])),
    headRef: id.headRef,
    baseRef: repo.defaultBranch,
    baseSha: sha(world.seed, repo.name, number, "base"),
    headSha: commitSha(world, repo.name, number, 0, commits - 1),
    headVersion: 0,
    headAt: Math.floor(headAt),
    forcePushes: [],
    draft: past.length === 0 ? openedAsDraft : past.at(-1)?.kind === "draft",
    draftEvents: past,
    openedAsDraft,
    reviewStart: Math.floor(reviewStart),
    aiTrailer,
    createdAt,
    updatedAt: Math.floor(activityEnd),
    settledAt: Math.floor(activityEnd),
    closedAt: closedAt === null ? null : Math.floor(closedAt),
    mergedAt: mergedAt === null ? null : Math.floor(mergedAt),
    mergedBy: mergedAt === null ? null : pick(r, [team[0], ...reviewers.filter((a) => a.type === "User")]),
    mergeCommitSha: mergedAt === null ? null : sha(world.seed, repo.name, number, "merge"),
    commits,
    files,
    additions: Math.max(files, Math.round(files * skewed(r, 20))),
    deletions: Math.round(files * skewed(r, 8)),
    comments: size(r, [0, 5], 50, [101, 150]),
    reviewComments: reviews > 0 ? size(r, [0, 8], 50, [101, 160]) : 0,
    reviews,
  };
}
