import { reconcileRepositories } from "../../src/sync/reconcile-repositories.js";
import { recordAccess } from "../../src/storage/write/access.js";
import { ensureRepository, removeRepositories } from "../../src/storage/write/installations.js";
import { clearStore, useTestDatabase } from "../harness/database.js";

const db = useTestDatabase();
beforeEach(() => clearStore(db.store()));

const installationId = 1;
const space = { installationId, repoId: 7, fullName: "acme/space", private: false };
const api = { installationId, repoId: 8, fullName: "acme/api", private: false };
const tracked = async () =>
  (await db.store().repositories.find({ installationId }).sort({ repoId: 1 }).lean()).map((r) => r.fullName);

/** What the installation_repositories.removed handler does. */
async function removeByDelivery(repoId: number) {
  await recordAccess(db.store(), { installationId, repoId }, true, null);
  await removeRepositories(db.store(), installationId, [repoId]);
}

describe("reconcileRepositories", () => {
  it("tracks again a removed repository that GitHub's list, read after the removal, shows", async () => {
    await removeByDelivery(space.repoId);
    const outcome = await reconcileRepositories(db.store(), installationId, [space], new Date());
    expect(outcome).toEqual({ added: [space.repoId], removed: [] });
    expect(await tracked()).toEqual([space.fullName]);
  });

  it("keeps a repository removed when the list was read before the removal", async () => {
    const listedAt = new Date();
    await removeByDelivery(space.repoId);
    await reconcileRepositories(db.store(), installationId, [space], listedAt);
    expect(await tracked()).toEqual([]);
  });

  it("keeps a repository added after the list was read, and keeps late deliveries out of one it removes", async () => {
    await ensureRepository(db.store(), api);
    const listedAt = new Date(Date.now() - 1000);
    await recordAccess(db.store(), { installationId, repoId: space.repoId }, false, null);
    await ensureRepository(db.store(), space);

    const outcome = await reconcileRepositories(db.store(), installationId, [], listedAt);

    expect(outcome.removed).toEqual([api.repoId]);
    expect(await tracked()).toEqual([space.fullName]);
    expect(await ensureRepository(db.store(), api)).toBeNull();
  });

  it("renames from GitHub's list, unless a rename delivered since the list was read is newer", async () => {
    const station = { ...space, fullName: "acme/space-station" };
    await ensureRepository(db.store(), { ...space, nameVersion: new Date(Date.now() - 60_000) });
    await reconcileRepositories(db.store(), installationId, [station], new Date());
    expect(await tracked()).toEqual([station.fullName]);

    const listedAt = new Date();
    const later = new Date(listedAt.getTime() + 1000);
    await ensureRepository(db.store(), { ...space, fullName: "acme/orbit", nameVersion: later });
    await reconcileRepositories(db.store(), installationId, [station], listedAt);
    expect(await tracked()).toEqual(["acme/orbit"]);
  });
});
