import { useTestApp } from "./helpers/app.js";
import { edit, example, scenario, type Delivery } from "./helpers/fixtures.js";
import {
  deliverRepositoryRecords,
  everywhere,
  scopedCounts,
  type Repo,
} from "./helpers/repository-deliveries.js";

/**
 * GitHub does not order deliveries, and a failed one may be redelivered an hour later: a delivery from
 * before a removal can arrive after it. A removal wins over those; a later genuine re-add still works.
 */
const { db, app } = useTestApp();

const INSTALLATION = 957387;
const SPACE: Repo = { id: 186853007, full_name: "Codertocat/Space" };
const [added, removed, readded] = scenario("repository-removed-then-readded");
const receive = ({ name, payload }: Delivery) => app.receive(name, payload);
const counts = (filter: { installationId: number; repoId?: number }) => scopedCounts(db.store(), filter);
const none = () => everywhere(db.store(), 0);
const tracked = () => db.store().repositories.find({ repoId: SPACE.id }, { _id: 0, fullName: 1 }).lean();

/** A merge of the PR `deliverRepositoryRecords` opened, moved to Space. */
const mergeInSpace = () => {
  const [merge] = scenario("merged-pr");
  return edit(merge.payload, {
    "installation.id": INSTALLATION,
    repository: { ...SPACE, private: false },
    "pull_request.id": SPACE.id,
  });
};

describe("a repository removed from the installation", () => {
  it("stays removed, with no data, when deliveries from before the removal arrive after it", async () => {
    await receive(added);
    await deliverRepositoryRecords(app, INSTALLATION, SPACE);
    await receive(removed);

    await deliverRepositoryRecords(app, INSTALLATION, SPACE);
    await app.receive("pull_request", mergeInSpace());

    expect(await counts({ installationId: INSTALLATION })).toEqual(none());
    expect(app.deps.merged).toEqual([]);
  });

  it("stays removed when the add that preceded the removal is delivered after it", async () => {
    await receive(removed);
    await receive(added);
    expect(await tracked()).toEqual([]);
    expect(app.deps.tracked).toEqual([]);
  });

  it("is tracked and backfilled again when it is added back", async () => {
    await receive(added);
    await receive(removed);
    await receive(readded);
    expect(await tracked()).toEqual([{ fullName: SPACE.full_name }]);
    expect(app.deps.tracked).toEqual([
      { installationId: INSTALLATION, repoIds: [SPACE.id] },
      { installationId: INSTALLATION, repoIds: [SPACE.id] },
    ]);

    await app.receive("pull_request", mergeInSpace());
    expect(await db.store().pullRequests.countDocuments({ repoId: SPACE.id })).toBe(1);
    expect(app.deps.merged).toHaveLength(1);
  });
});

describe("a deleted installation", () => {
  it("stays deleted, with no data, when its earlier deliveries arrive after the deletion", async () => {
    const created = example("installation", "created");
    const deleted = edit(example("installation", "deleted"), { "installation.id": INSTALLATION });
    await app.receive("installation", created);
    await deliverRepositoryRecords(app, INSTALLATION, SPACE);
    await app.receive("installation", deleted);

    await app.receive("installation", created);
    await receive(added);
    await deliverRepositoryRecords(app, INSTALLATION, SPACE);

    expect(await counts({ installationId: INSTALLATION })).toEqual(none());
    expect(await db.store().installations.countDocuments({ installationId: INSTALLATION })).toBe(0);
    expect(app.deps.tracked).toHaveLength(1);
  });
});
