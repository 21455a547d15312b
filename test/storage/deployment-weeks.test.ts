import { upgradeDeploymentWeeks } from "../../src/convert/upgrade-deployment-weeks.js";
import { getDora } from "../../src/query/dora.js";
import { deleteInstallation, removeRepositories } from "../../src/storage/write/installations.js";
import { writeDeployments } from "../../src/storage/write/deployments.js";
import { seedRepository } from "../api/seed.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { at, deploymentRecord } from "../harness/factories.js";

/** The deployment weeks go with their deployments, and are built for deployments stored before them. */
const db = useTestDatabase();
const range = { since: at("2026-03-02T00:00:00Z"), until: at("2026-03-16T00:00:00Z") };

const deployed = (repoId: number, iso: string) =>
  deploymentRecord({
    installationId: 1,
    repoId,
    createdAt: at(iso),
    statuses: [{ statusId: null, state: "success", createdAt: at(iso) }],
  });

const sectionsOf = async (repoId: number) => {
  const docs = await db.store().deploymentWeeks.find({ installationId: 1 }).lean();
  return docs.filter((doc) => doc.repos?.[String(repoId)]).length;
};

beforeEach(async () => {
  const store = db.store();
  await clearStore(store);
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedRepository(store, 1, 12, "acme/gadgets");
});

it("a removed repository loses its sections, an uninstalled installation every week", async () => {
  const store = db.store();
  await writeDeployments(
    store,
    [11, 12].flatMap((id) => [deployed(id, "2026-03-03T10:00:00Z"), deployed(id, "2026-03-10T10:00:00Z")]),
  );
  expect([await sectionsOf(11), await sectionsOf(12)]).toEqual([2, 2]);
  expect((await getDora(store, 1, range)).deploymentsCount).toBe(4);

  await removeRepositories(store, 1, [11]);
  expect([await sectionsOf(11), await sectionsOf(12)]).toEqual([0, 2]);
  expect((await getDora(store, 1, range)).deploymentsCount).toBe(2);

  await deleteInstallation(store, 1);
  expect(await store.deploymentWeeks.countDocuments({ installationId: 1 })).toBe(0);
});

it("a worker's start builds the weeks of deployments stored before they existed, then finds nothing to do", async () => {
  const store = db.store();
  await writeDeployments(store, [deployed(12, "2026-03-03T10:00:00Z")]);
  // As a version without deployment weeks left them: records only.
  await store.deployments.insertMany([
    deployed(11, "2026-03-04T10:00:00Z"),
    deployed(11, "2026-03-11T10:00:00Z"),
  ]);
  expect((await getDora(store, 1, range)).deploymentsCount).toBe(1);

  expect(await upgradeDeploymentWeeks(store)).toBe(1);
  expect((await getDora(store, 1, range)).deploymentsCount).toBe(3);
  expect(await upgradeDeploymentWeeks(store)).toBe(0);
});
