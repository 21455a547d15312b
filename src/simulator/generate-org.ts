import { generateDeployments } from "./deployments.js";
import { commitSha, generatePull, type World } from "./generate-pull.js";
import { MAX_PULLS_PER_REPO, MAX_REPOS, repoId } from "./ids.js";
import type { Account, DeploymentModel, DeploymentStatusModel, PullModel, RepoModel } from "./model.js";
import { BOTS, HUMANS, RELEASE_BOT } from "./people.js";
import { DAY, int, pick, rng, sha, shuffled } from "./random.js";
import { DetailsCache, PullDetails } from "./pull-details.js";

export interface OrgOptions {
  /** Same seed, same organisation. Default "mergelens". */
  seed?: string | number;
  /** The organisation's login. Default "acme". */
  org?: string;
  /** How many repositories, or their names. Default 3. */
  repos?: number | string[];
  /** PRs in each repository (one number for all, or one per repository). Default 50. */
  prsPerRepo?: number | number[];
  /** The moment the history ends. Default: now. */
  now?: Date | number;
  /** How many days of history. Default 120. */
  days?: number;
  installationId?: number;
}

const REPO_NAMES = [
  "web",
  "api",
  "mobile",
  "infra",
  "docs",
  "billing",
  "search",
  "auth-service",
  "data-pipeline",
];
const LANGUAGES = ["TypeScript", "Go", "Python"];

type At = Date | number | undefined;
type StatusState = DeploymentStatusModel["state"];
const MINUTE = 60_000;
const toMs = (at: At): number => (at === undefined ? Date.now() : typeof at === "number" ? at : at.getTime());

/** A generated organisation: repositories and PRs derived from the seed, plus what tests change in it. */
export class SimulatedOrg {
  readonly login: string;
  readonly id: number;
  readonly installationId: number;
  readonly world: World;
  readonly repos: RepoModel[];
  private readonly sizes: number[];
  private readonly pullsByRepo = new Map<string, PullModel[]>();
  private readonly deploymentsByRepo = new Map<string, DeploymentModel[]>();
  private readonly addedDeployments = new Map<string, DeploymentModel[]>();
  private readonly addedStatuses = new Map<number, DeploymentStatusModel[]>();
  private addedIds = 0;
  private readonly details = new DetailsCache();

  constructor(options: OrgOptions = {}) {
    const seed = String(options.seed ?? "mergelens");
    this.login = options.org ?? "acme";
    this.world = { seed, org: this.login, now: toMs(options.now), days: options.days ?? 120 };
    this.id = 1_000_000 + int(rng(seed, "org"), 1, 999_999);
    this.installationId = options.installationId ?? 4242;
    const names =
      typeof options.repos === "object"
        ? options.repos
        : Array.from({ length: options.repos ?? 3 }, (_, i) => REPO_NAMES[i] ?? `service-${i + 1}`);
    this.sizes = names.map((_, i) => {
      const size = options.prsPerRepo ?? 50;
      return typeof size === "number" ? size : (size[i] ?? 0);
    });
    if (names.length > MAX_REPOS || this.sizes.some((n) => n > MAX_PULLS_PER_REPO)) {
      throw new Error(`the simulator holds at most ${MAX_REPOS} repositories of ${MAX_PULLS_PER_REPO} PRs`);
    }
    this.repos = names.map((name, index) => this.makeRepo(name, index));
  }

  private makeRepo(name: string, index: number): RepoModel {
    const r = rng(this.world.seed, name, "repo");
    return {
      index,
      id: repoId(this.id, index),
      name,
      fullName: `${this.login}/${name}`,
      private: r() < 0.7,
      defaultBranch: r() < 0.85 ? "main" : "master",
      language: pick(r, LANGUAGES),
      description: `The ${name} service`,
      createdAt: this.world.now - (400 + int(r, 0, 1000)) * DAY,
      // Every third repository teaches mergelens that a human-looking account is a bot.
      config: index % 3 === 0 ? `# mergelens settings\nbots:\n  - ${RELEASE_BOT.login}\n` : null,
    };
  }

  repo(name: string): RepoModel | undefined {
    return this.repos.find((repo) => repo.name.toLowerCase() === name.toLowerCase());
  }

  private team(repo: RepoModel): Account[] {
    const r = rng(this.world.seed, repo.name, "team");
    return shuffled(r, HUMANS).slice(0, 6);
  }

  /** The repository's PRs by number (generated on first use). */
  pulls(repoName: string): PullModel[] {
    const repo = this.mustRepo(repoName);
    const cached = this.pullsByRepo.get(repo.name);
    if (cached) return cached;
    const pulls: PullModel[] = [];
    const total = this.sizes[repo.index];
    const team = this.team(repo);
    for (let number = 1; number <= total; number++) {
      pulls.push(generatePull(this.world, repo, number, { total, team, earlier: (n) => pulls[n - 1] }));
    }
    this.pullsByRepo.set(repo.name, pulls);
    return pulls;
  }

  pull(repoName: string, number: number): PullModel | undefined {
    return this.repo(repoName) ? this.pulls(repoName)[number - 1] : undefined;
  }

  /** The nested lists of a PR (commits, files, reviews, comments, check runs, timeline). */
  detailsOf(pull: PullModel): PullDetails {
    const key = `${pull.repo}#${pull.number}@${pull.headVersion}@${pull.updatedAt}`;
    const repo = this.mustRepo(pull.repo);
    return this.details.get(key, () => new PullDetails(this.world, pull, repo.language));
  }

  /** The PR whose current head is this commit (check runs live on head commits). */
  pullByHeadSha(repoName: string, commit: string): PullModel | undefined {
    return this.pulls(repoName).find((pull) => pull.headSha === commit);
  }

  /** Newest created first: the generated ones (from merged PRs) and those tests added. */
  deployments(repoName: string): DeploymentModel[] {
    const repo = this.mustRepo(repoName);
    let list = this.deploymentsByRepo.get(repo.name);
    if (!list) {
      const generated = generateDeployments(this.world, repo, this.pulls(repo.name));
      const added = (this.addedDeployments.get(repo.name) ?? []).map((one) => ({ ...one, statuses: [] }));
      list = [...generated, ...added].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
      for (const deployment of list) {
        deployment.statuses.push(...(this.addedStatuses.get(deployment.id) ?? []));
      }
      this.deploymentsByRepo.set(repo.name, list);
    }
    return list;
  }

  /** A deployment by id, in whichever repository it is. */
  deployment(id: number): { repo: RepoModel; deployment: DeploymentModel } | undefined {
    for (const repo of this.repos) {
      const deployment = this.deployments(repo.name).find((one) => one.id === id);
      if (deployment) return { repo, deployment };
    }
    return undefined;
  }

  /** A new deployment created `at`, with a status of each given state a minute apart. */
  addDeployment(
    repoName: string,
    options: { environment: DeploymentModel["environment"]; at: Date | number; states: StatusState[] },
  ): DeploymentModel {
    const repo = this.mustRepo(repoName);
    const createdAt = Math.floor(toMs(options.at) / 1000) * 1000;
    const deployment: DeploymentModel = {
      id: this.nextAddedId(),
      sha: sha(this.world.seed, repo.name, "deployment", createdAt),
      ref: repo.defaultBranch,
      environment: options.environment,
      creator: BOTS.actions,
      createdAt,
      statuses: [],
    };
    this.addedDeployments.set(repo.name, [...(this.addedDeployments.get(repo.name) ?? []), deployment]);
    this.deploymentsByRepo.delete(repo.name);
    options.states.forEach((state, index) =>
      this.addDeploymentStatus(deployment.id, state, createdAt + index * MINUTE),
    );
    return this.deployment(deployment.id)?.deployment ?? deployment;
  }

  /** A later status of an existing deployment (a rollback's failure, say), as GitHub appends one. */
  addDeploymentStatus(deploymentId: number, state: StatusState, at: Date | number): DeploymentStatusModel {
    const found = this.deployment(deploymentId);
    if (!found) throw new Error(`no deployment ${deploymentId}`);
    const status = { id: this.nextAddedId(), state, createdAt: Math.floor(toMs(at) / 1000) * 1000 };
    this.addedStatuses.set(deploymentId, [...(this.addedStatuses.get(deploymentId) ?? []), status]);
    found.deployment.statuses.push(status);
    return status;
  }

  /** Ids above every generated one (see ids.ts: 126 repositories × 2^24 ids at most). */
  private nextAddedId(): number {
    this.addedIds += 1;
    return 127 * 2 ** 24 + this.addedIds;
  }

  // Mutations for tests: each one bumps `updatedAt`, as GitHub does, so an incremental sync sees it.

  mergePullRequest(repoName: string, number: number, at?: Date | number): PullModel {
    const pull = this.open(repoName, number);
    const when = this.touch(pull, at);
    pull.mergedAt = when;
    pull.closedAt = when;
    pull.draft = false;
    pull.mergedBy = pull.reviewers.find((a) => a.type === "User") ?? pull.author;
    pull.mergeCommitSha = sha(this.world.seed, pull.repo, number, "merge");
    this.deploymentsByRepo.delete(pull.repo);
    return pull;
  }

  closePullRequest(repoName: string, number: number, at?: Date | number): PullModel {
    const pull = this.open(repoName, number);
    pull.closedAt = this.touch(pull, at);
    return pull;
  }

  markReadyForReview(repoName: string, number: number, at?: Date | number): PullModel {
    const pull = this.open(repoName, number);
    pull.draftEvents = [...pull.draftEvents, { kind: "ready", at: this.touch(pull, at) }];
    pull.draft = false;
    return pull;
  }

  /** A rewritten branch: a new head sha, one more commit, and check runs for the new head. */
  forcePush(repoName: string, number: number, at?: Date | number): PullModel {
    const pull = this.open(repoName, number);
    const when = this.touch(pull, at);
    pull.headVersion += 1;
    pull.commits += 1;
    pull.headAt = when;
    pull.forcePushes = [...pull.forcePushes, when];
    pull.headSha = commitSha(this.world, pull.repo, number, pull.headVersion, pull.commits - 1);
    return pull;
  }

  /** A new open PR (the next number), with no reviews or comments yet. */
  addPullRequest(
    repoName: string,
    options: { title?: string; draft?: boolean; at?: Date | number } = {},
  ): PullModel {
    const repo = this.mustRepo(repoName);
    const pulls = this.pulls(repo.name);
    const createdAt = toMs(options.at);
    const generated = generatePull(this.world, repo, pulls.length + 1, {
      total: pulls.length + 1,
      team: this.team(repo),
      earlier: (n) => pulls[n - 1],
      createdAt,
    });
    const pull: PullModel = {
      ...generated,
      title: options.title ?? generated.title,
      draft: options.draft ?? false,
      openedAsDraft: options.draft ?? false,
      draftEvents: [],
      headAt: createdAt,
      reviewStart: createdAt,
      updatedAt: createdAt,
      settledAt: createdAt,
      closedAt: null,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      comments: 0,
      reviewComments: 0,
      reviews: 0,
    };
    pulls.push(pull);
    return pull;
  }

  private mustRepo(name: string): RepoModel {
    const repo = this.repo(name);
    if (!repo) throw new Error(`no repository ${name} in the simulated organisation ${this.login}`);
    return repo;
  }

  private open(repoName: string, number: number): PullModel {
    const pull = this.pull(repoName, number);
    if (!pull) throw new Error(`no pull request ${repoName}#${number}`);
    if (pull.closedAt !== null) throw new Error(`${repoName}#${number} is already closed`);
    return pull;
  }

  /** The mutation's time, never before the PR's last update, so `updatedAt` always moves forward. */
  private touch(pull: PullModel, at: At): number {
    const when = Math.max(Math.floor(toMs(at) / 1000) * 1000, pull.updatedAt + 1000);
    pull.updatedAt = when;
    return when;
  }
}

export function generateOrg(options: OrgOptions = {}): SimulatedOrg {
  return new SimulatedOrg(options);
}
