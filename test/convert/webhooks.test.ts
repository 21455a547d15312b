import nock from "nock";
import { loadRepoConfigFile } from "../../src/convert/load-repo-config.js";
import { refreshRepositoryPullRequests } from "../../src/convert/refresh-repository.js";
import { readCachedRepoConfig } from "../../src/convert/repo-config-cache.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { createTestApp, type TestApp } from "../webhooks/helpers/app.js";
import { edit, example } from "../webhooks/helpers/fixtures.js";

/**
 * The convert step driven by deliveries through a real Probot. Tests marked "GitHub" use the real
 * config loader: the installation token and `.github/mergelens.yml` come from nock. Each test gets a
 * fresh Probot, so its token request happens in that test; the config cache starts empty.
 */
const db = useTestDatabase();
let app: TestApp;

beforeEach(async () => {
  await clearStore(db.store());
  app = await createTestApp(db.store());
});

const REPO = { installationId: 1, repoId: 186853002 };
const findPr = () =>
  db
    .store()
    .pullRequests.findOne({ ...REPO, number: 2 })
    .lean();
const api = () => nock("https://api.github.com");
const CONFIG_URL = "/contents/.github%2Fmergelens.yml";

/** The real loader, with an installation token minted once and the file's text (null: no file). */
function githubServes(config: string | null): void {
  app.deps.loadRepoConfig = loadRepoConfigFile;
  api()
    .post("/app/installations/1/access_tokens")
    .reply(201, { token: "ghs_test", expires_at: new Date(Date.now() + 3_600_000).toISOString() });
  serveConfig(config);
}

function serveConfig(config: string | null): void {
  if (config === null) {
    api().get(`/repos/Codertocat/Hello-World${CONFIG_URL}`).reply(404, { message: "Not Found" });
    api().get(`/repos/Codertocat/.github${CONFIG_URL}`).reply(404, { message: "Not Found" });
  } else {
    const text = { "content-type": "text/plain; charset=utf-8" };
    api().get(`/repos/Codertocat/Hello-World${CONFIG_URL}`).reply(200, config, text);
  }
}

const opened = () => app.receive("pull_request", example("pull_request", "opened"));
/** PR #2 was created 2019-05-15T15:20:33Z (not a draft); octo-reviewer reviews 2.5 h later. */
const reviewed = () =>
  app.receive(
    "pull_request_review",
    edit(example("pull_request_review", "submitted"), {
      "review.user": { login: "octo-reviewer", id: 7, type: "User" },
      "review.submitted_at": "2019-05-15T17:50:33Z",
    }),
  );

type Paths = { added?: string[]; modified?: string[]; removed?: string[] };
const push = (ref: string, changes: Paths[]) =>
  app.receive(
    "push",
    edit(example("push"), {
      ref,
      deleted: false,
      commits: changes.map((paths, i) => ({ id: `c${i}`, added: [], modified: [], removed: [], ...paths })),
    }),
  );

describe("derived fields after deliveries", () => {
  it("a review updates firstReviewAt and pickup time on the stored PR (GitHub: no config file)", async () => {
    githubServes(null);
    await opened();
    expect(await findPr()).toMatchObject({ firstReviewAt: null, metrics: { pickupTimeHours: null } });

    await reviewed();
    expect(await findPr()).toMatchObject({
      readyAt: new Date("2019-05-15T15:20:33Z"),
      firstReviewAt: new Date("2019-05-15T17:50:33Z"),
      metrics: { pickupTimeHours: 2.5, reviewCount: 1, reviewersCount: 1 },
    });
    expect(app.deps.errors).toEqual([]);
  });

  it("a bot listed in .github/mergelens.yml stops counting as a reviewer (GitHub)", async () => {
    githubServes("bots: [Octo-Reviewer]\n");
    await opened();
    await reviewed();
    expect(await findPr()).toMatchObject({
      firstReviewAt: null,
      metrics: { pickupTimeHours: null, reviewCount: 0 },
    });
  });

  it("a finished check run updates the CI figures of each PR it lists", async () => {
    await opened();
    // GitHub's example: Octocoders-linter failed on PR #2's head, started and completed at 15:21:12.
    await app.receive("check_run", example("check_run", "completed"));
    expect(await findPr()).toMatchObject({
      metrics: { checkRunsCount: 1, checkRunsFailed: 1, ciDurationSeconds: 0, ciWallSeconds: 0 },
    });
    // The stub loader ran once: the first delivery cached the config.
    expect(app.deps.configLoads).toEqual(["Codertocat/Hello-World"]);
  });

  it("review comments are counted, and uncounted when deleted", async () => {
    await opened();
    await app.receive("pull_request_review_comment", example("pull_request_review_comment", "created"));
    expect(await findPr()).toMatchObject({ metrics: { reviewCommentsCount: 1 } });
    await app.receive("pull_request_review_comment", example("pull_request_review_comment", "deleted"));
    expect(await findPr()).toMatchObject({ metrics: { reviewCommentsCount: 0 } });
  });
});

describe(".github/mergelens.yml", () => {
  it("a bad file is reported once, and the defaults apply (GitHub)", async () => {
    githubServes("bot: [octo-reviewer]\n");
    await opened();
    await reviewed();
    // The misspelt key voids the whole file: octo-reviewer counts as a reviewer.
    expect(await findPr()).toMatchObject({ metrics: { reviewCount: 1 } });
    expect(app.deps.errors).toHaveLength(1);
    expect(String(app.deps.errors[0].error)).toContain('Unrecognized key: "bot"');
    expect(app.deps.errors[0].context).toEqual({ ...REPO, repo: "Codertocat/Hello-World" });

    // A push that leaves the same problem refetches it without a second report or a recompute.
    serveConfig("bot: [octo-reviewer]\n# still wrong\n");
    await push("refs/heads/master", [{ modified: [".github/mergelens.yml"] }]);
    expect(app.deps.errors).toHaveLength(1);
    expect(app.deps.configChanged).toEqual([]);
  });

  it("a push changing it on the default branch refetches it and recomputes the PRs (GitHub)", async () => {
    githubServes(null);
    await opened();
    await reviewed();
    expect(await findPr()).toMatchObject({ metrics: { reviewCount: 1 } });
    app.deps.onRepoConfigChanged = async (ref) => {
      app.deps.configChanged.push(ref);
      // What the refresh-repository-metrics job does, with the config the push just cached.
      const config = await readCachedRepoConfig(db.store(), ref);
      if (!config) throw new Error("the push should have cached the config");
      await refreshRepositoryPullRequests(db.store(), ref, config);
    };

    serveConfig("bots: [octo-reviewer]\n");
    await push("refs/heads/master", [{ modified: ["README.md"] }, { added: [".github/mergelens.yml"] }]);
    expect(app.deps.configChanged).toEqual([REPO]);
    expect(await findPr()).toMatchObject({ firstReviewAt: null, metrics: { reviewCount: 0 } });

    // Removing the file brings the defaults back.
    serveConfig(null);
    await push("refs/heads/master", [{ removed: [".github/mergelens.yml"] }]);
    expect(app.deps.configChanged).toEqual([REPO, REPO]);
    expect(await findPr()).toMatchObject({ metrics: { reviewCount: 1 } });
  });

  it.each([
    ["a push to the default branch not touching it", "refs/heads/master", [{ modified: ["README.md"] }]],
    ["a push changing it on another branch", "refs/heads/feature", [{ added: [".github/mergelens.yml"] }]],
    ["a tag", "refs/tags/v1.0", [{ added: [".github/mergelens.yml"] }]],
  ])("%s does nothing", async (_case, ref, changes) => {
    await push(ref, changes);
    expect(app.deps.configLoads).toEqual([]);
    expect(app.deps.configChanged).toEqual([]);
    expect(await db.store().repositories.countDocuments()).toBe(0);
  });

  it("a failed recompute hook fails the delivery, and its next try calls the hook again", async () => {
    app.deps.failConfigHook = true;
    await push("refs/heads/master", [{ modified: [".github/mergelens.yml"] }]);
    expect(app.deps.configChanged).toEqual([REPO]);

    app.deps.failConfigHook = false;
    await app.retryNow();
    expect(app.deps.configChanged).toEqual([REPO, REPO]);
    expect(app.deps.configLoads).toHaveLength(2);
  });
});
