import type { CommandStartedEvent } from "mongodb";
import { refreshPullRequests } from "../../src/convert/refresh-pull-requests.js";
import { DEFAULT_REPO_CONFIG } from "../../src/metrics/repo-config.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { human, reviewRecord } from "../harness/factories.js";
import { at, REPO, seedRecords, storedPullRequest } from "./seed.js";

const db = useTestDatabase({ monitorCommands: true });
/** The PR documents each `update` command on `pull_requests` carried, in order. */
const prUpdates: number[] = [];

beforeAll(() => {
  db.connection()
    .getClient()
    .on("commandStarted", (event: CommandStartedEvent) => {
      if (event.commandName !== "update" || event.command.update !== "pull_requests") return;
      prUpdates.push((event.command.updates as unknown[]).length);
    });
});

beforeEach(async () => {
  await clearStore(db.store());
  await seedRecords(db.store());
  await db.store().pullRequests.create([storedPullRequest(), storedPullRequest({ number: 8, prId: 800 })]);
  prUpdates.length = 0;
});

const refresh = () => refreshPullRequests(db.store(), REPO, [7, 8], DEFAULT_REPO_CONFIG);
const findPr = (number: number) =>
  db
    .store()
    .pullRequests.findOne({ ...REPO, number })
    .lean();

describe("refreshPullRequests over derived fields already stored", () => {
  it("writes no PR when nothing it derives from changed", async () => {
    await refresh();
    expect(prUpdates).toEqual([2]);
    const before = await Promise.all([findPr(7), findPr(8)]);

    prUpdates.length = 0;
    await refresh();

    expect(prUpdates).toEqual([]);
    expect(await Promise.all([findPr(7), findPr(8)])).toEqual(before);
  });

  it("writes only the PR whose records changed, with its new figures", async () => {
    await refresh();
    await db.store().reviews.create(
      reviewRecord({
        prNumber: 8,
        author: human("erin"),
        state: "APPROVED",
        submittedAt: at("2026-03-02T18:00:00Z"),
      }),
    );

    prUpdates.length = 0;
    await refresh();

    expect(prUpdates).toEqual([1]);
    expect(await findPr(8)).toMatchObject({ reviewers: ["dave", "erin"], metrics: { reviewCount: 2 } });
  });

  it("writes a PR whose stored figures differ in any way, even an extra metric", async () => {
    await refresh();
    await db.store().pullRequests.updateOne({ ...REPO, number: 7 }, { $set: { "metrics.stale": 1 } });

    prUpdates.length = 0;
    await refresh();

    expect(prUpdates).toEqual([1]);
    expect((await findPr(7))?.metrics).not.toHaveProperty("stale");
  });
});
