import { createToken } from "../../src/api/tokens.js";
import { useTestApp } from "./helpers/app.js";
import { edit, example } from "./helpers/fixtures.js";
import {
  deliverRepositoryRecords,
  everywhere as everywhereIn,
  scopedCounts,
  type Repo,
} from "./helpers/repository-deliveries.js";

const { db, app } = useTestApp();

/** One of every record a webhook stores, plus the commits and files only the sync writes. */
async function seedRepository(installationId: number, repo: Repo): Promise<void> {
  await deliverRepositoryRecords(app, installationId, repo);
  const keys = { installationId, repoId: repo.id, prNumber: 2 };
  await db.store().commits.create({ ...keys, sha: `sha-${repo.id}` });
  await db.store().changedFiles.create({ ...keys, filename: "README.md" });
}

const counts = (filter: { installationId: number; repoId?: number }) => scopedCounts(db.store(), filter);

const HELLO: Repo = { id: 186853002, full_name: "Codertocat/Hello-World" };
const SPACE: Repo = { id: 186853007, full_name: "Codertocat/Space" };
const everywhere = (n: number) => everywhereIn(db.store(), n);

describe("installation deliveries", () => {
  it("stores a new installation and tracks its repositories", async () => {
    await app.receive("installation", example("installation", "created"));

    expect(await db.store().installations.findOne({}, { _id: 0 }).lean()).toMatchObject({
      installationId: 957387,
      account: { id: 21031067, login: "Codertocat", type: "User" },
      repositorySelection: "selected",
      suspendedAt: null,
      permissions: { pull_requests: "write", metadata: "read" },
      events: [],
    });
    expect(await db.store().repositories.find({}, { _id: 0 }).lean()).toMatchObject([
      {
        installationId: 957387,
        repoId: 186853002,
        fullName: "Codertocat/Hello-World",
        syncStatus: "pending",
      },
    ]);
    expect(app.deps.tracked).toEqual([{ installationId: 957387, repoIds: [186853002] }]);
  });

  it("keeps the installation when handing its backfill to the queue fails, and reports it", async () => {
    app.deps.onRepositoriesTracked = async () => {
      throw new Error("job queue unavailable");
    };
    await app.receive("installation", example("installation", "created"));
    expect(await db.store().repositories.countDocuments({ installationId: 957387 })).toBe(1);
    expect(app.deps.errors).toEqual([
      expect.objectContaining({ context: expect.objectContaining({ hook: "onRepositoriesTracked" }) }),
    ]);
  });

  it("backfills nothing on suspension or permission changes", async () => {
    await app.receive("installation", example("installation", "suspend"));
    await app.receive("installation", example("installation", "new_permissions_accepted"));
    expect(app.deps.tracked).toEqual([]);
  });

  it("records suspension and its end", async () => {
    await app.receive("installation", example("installation", "suspend"));
    const find = () => db.store().installations.findOne({ installationId: 16598467 }).lean();
    expect(await find()).toMatchObject({ suspendedAt: new Date("2021-04-29T02:32:50Z") });

    await app.receive("installation", example("installation", "unsuspend"));
    expect(await find()).toMatchObject({ suspendedAt: null });
  });

  it("updates permissions and events when new permissions are accepted", async () => {
    await app.receive("installation", example("installation", "created"));
    await app.receive("installation", example("installation", "new_permissions_accepted"));
    expect(await db.store().installations.findOne({ installationId: 957387 }).lean()).toMatchObject({
      repositorySelection: "all",
      events: expect.arrayContaining(["pull_request", "check_run", "deployment_status"]),
    });
  });

  it("removes everything of a deleted installation and nothing of another", async () => {
    await app.receive("installation", example("installation", "created"));
    await app.receive("installation", edit(example("installation", "created"), { "installation.id": 42 }));
    await seedRepository(957387, HELLO);
    await seedRepository(42, SPACE);
    expect(await counts({ installationId: 957387 })).toEqual(everywhere(1));

    const deleted = edit(example("installation", "deleted"), { "installation.id": 957387 });
    await app.receive("installation", deleted);

    expect(await counts({ installationId: 957387 })).toEqual(everywhere(0));
    expect(await db.store().installations.countDocuments({ installationId: 957387 })).toBe(0);
    // Installation 42 keeps its seeded records, plus Hello-World from its `created` delivery.
    expect(await counts({ installationId: 42, repoId: SPACE.id })).toEqual(everywhere(1));
    expect(await db.store().installations.countDocuments({ installationId: 42 })).toBe(1);
  });

  it("revokes a deleted installation's API tokens and keeps another's", async () => {
    await createToken(db.store(), { installationId: 957387, name: "ci" });
    await createToken(db.store(), { installationId: 42, name: "ci" });
    await app.receive(
      "installation",
      edit(example("installation", "deleted"), { "installation.id": 957387 }),
    );
    expect(await db.store().apiTokens.countDocuments({ installationId: 957387 })).toBe(0);
    expect(await db.store().apiTokens.countDocuments({ installationId: 42 })).toBe(1);
  });

  it("erases a deleted installation even when the rest of the payload is unexpected", async () => {
    await seedRepository(2, HELLO);
    await app.receive(
      "installation",
      edit(example("installation", "deleted"), { "installation.account": null }),
    );
    expect(await counts({ installationId: 2 })).toEqual(everywhere(0));
    expect(app.deps.errors).toEqual([]);
  });
});

describe("installation_repositories deliveries", () => {
  it("tracks added repositories", async () => {
    await app.receive("installation_repositories", example("installation_repositories", "added"));
    expect(await db.store().repositories.find({}, { _id: 0 }).lean()).toMatchObject([
      { installationId: 957387, repoId: SPACE.id, fullName: "Codertocat/Space", syncStatus: "pending" },
    ]);
    expect(app.deps.tracked).toEqual([{ installationId: 957387, repoIds: [SPACE.id] }]);
  });

  it("removes the removed repositories with all their data, and only theirs", async () => {
    await seedRepository(957387, HELLO);
    await seedRepository(957387, SPACE);
    // The same repository id under another installation must survive too.
    await seedRepository(7, SPACE);

    const removed = edit(example("installation_repositories", "removed"), {
      "installation.id": 957387,
      repositories_removed: [{ id: SPACE.id, full_name: SPACE.full_name, private: false }],
    });
    await app.receive("installation_repositories", removed);

    expect(await counts({ installationId: 957387, repoId: SPACE.id })).toEqual(everywhere(0));
    expect(await counts({ installationId: 957387, repoId: HELLO.id })).toEqual(everywhere(1));
    expect(await counts({ installationId: 7, repoId: SPACE.id })).toEqual(everywhere(1));
  });
});
