import { useTestApp } from "./helpers/app.js";
import { edit, example } from "./helpers/fixtures.js";

const { db, app } = useTestApp();

const checkRuns = () => db.store().checkRuns.find({}, { _id: 0 }).lean();
const deployments = () => db.store().deployments.find({}, { _id: 0 }).lean();

describe("check deliveries", () => {
  it("stores a completed check run with the PRs it ran for", async () => {
    await app.receive("check_run", example("check_run", "completed"));
    expect(await checkRuns()).toEqual([
      {
        installationId: 1,
        repoId: 186853002,
        checkRunId: 128620228,
        checkSuiteId: 118578147,
        name: "Octocoders-linter",
        headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        status: "completed",
        conclusion: "failure",
        startedAt: new Date("2019-05-15T15:21:12Z"),
        completedAt: new Date("2019-05-15T15:21:12Z"),
        appSlug: "github-actions",
        prNumbers: [2],
      },
    ]);
  });

  it("keeps the later completion of a check run when an earlier one arrives after it", async () => {
    const later = edit(example("check_run", "completed"), {
      "check_run.conclusion": "success",
      "check_run.completed_at": "2019-05-15T15:30:00Z",
    });
    await app.receive("check_run", later);
    await app.receive("check_run", later);
    await app.receive("check_run", example("check_run", "completed"));
    expect(await checkRuns()).toMatchObject([
      { conclusion: "success", completedAt: new Date("2019-05-15T15:30:00Z") },
    ]);
  });

  it("stores a completed check suite", async () => {
    await app.receive("check_suite", example("check_suite", "completed"));
    expect(await db.store().checkSuites.find({}, { _id: 0 }).lean()).toEqual([
      {
        installationId: 1,
        repoId: 186853002,
        checkSuiteId: 118578147,
        headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        headBranch: "changes",
        status: "completed",
        conclusion: "success",
        appSlug: null,
        prNumbers: [2],
        updatedAt: new Date("2019-05-15T15:21:14Z"),
      },
    ]);
  });
});

describe("deployment deliveries", () => {
  it("stores a created deployment", async () => {
    await app.receive("deployment", example("deployment", "created"));
    expect(await deployments()).toEqual([
      {
        installationId: 1,
        repoId: 186853002,
        deploymentId: 145988746,
        environment: "github-pages",
        sha: expect.any(String),
        ref: expect.any(String),
        creator: { login: "github-pages[bot]", id: expect.any(Number), type: "Bot" },
        createdAt: expect.any(Date),
        updatedAt: new Date("2022-01-03T01:28:40Z"),
        statuses: [],
      },
    ]);
  });

  it("adds each status once, even when it arrives before the deployment itself", async () => {
    const status = example("deployment_status", "created");
    await app.receive("deployment_status", status);
    await app.receive("deployment_status", status);
    await app.receive("deployment", example("deployment", "created"));
    const success = edit(status, {
      "deployment_status.id": 209916300,
      "deployment_status.state": "success",
      "deployment_status.created_at": "2022-01-03T01:30:00Z",
    });
    await app.receive("deployment_status", success);

    expect(await deployments()).toMatchObject([
      {
        deploymentId: 145988746,
        environment: "github-pages",
        statuses: [
          { statusId: 209916254, state: "in_progress", createdAt: new Date("2022-01-03T01:28:40Z") },
          { statusId: 209916300, state: "success", createdAt: new Date("2022-01-03T01:30:00Z") },
        ],
      },
    ]);
  });

  it("tracks the repository of every delivery", async () => {
    await app.receive("deployment", example("deployment", "created"));
    // Other fields belong to the sync engine; this delivery only makes the repository known.
    expect(await db.store().repositories.find({}, { _id: 0 }).lean()).toMatchObject([
      {
        installationId: 1,
        repoId: 186853002,
        fullName: "Codertocat/Hello-World",
        private: false,
        syncStatus: "pending",
        lastSyncAt: null,
        lastSyncError: null,
        // A deployment changes no PR: the config stays unfetched.
        config: null,
        configError: null,
        configFetchedAt: null,
      },
    ]);
  });
});
