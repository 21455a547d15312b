import { upsertIfNewer } from "../../src/storage/write/upsert-if-newer.js";
import { clearStore, useTestDatabase } from "../harness/database.js";

const db = useTestDatabase();
beforeEach(async () => {
  await clearStore(db.store());
});

const comment = (updatedAt: string, login = "octocat") => ({
  installationId: 1,
  repoId: 10,
  prNumber: 3,
  kind: "issue" as const,
  commentId: 99,
  author: { login, id: 1, type: "User" },
  createdAt: new Date("2024-01-01T00:00:00Z"),
  updatedAt: new Date(updatedAt),
});
const key = { installationId: 1, kind: "issue" as const, commentId: 99 };

describe("upsertIfNewer", () => {
  it("writes newer and equal versions and skips older ones", async () => {
    const model = db.store().comments;
    expect(await upsertIfNewer(model, key, comment("2024-01-02T00:00:00Z"), "updatedAt")).toBe("written");
    expect(await upsertIfNewer(model, key, comment("2024-01-02T00:00:00Z", "same"), "updatedAt")).toBe(
      "written",
    );
    expect(await upsertIfNewer(model, key, comment("2024-01-01T00:00:00Z", "older"), "updatedAt")).toBe(
      "stale",
    );
    expect(await upsertIfNewer(model, key, comment("2024-01-03T00:00:00Z", "newer"), "updatedAt")).toBe(
      "written",
    );

    expect(await model.find(key).lean()).toMatchObject([{ author: { login: "newer" } }]);
  });

  it("lets concurrent first inserts of one document all succeed", async () => {
    const model = db.store().comments;
    const writes = Array.from({ length: 8 }, () =>
      upsertIfNewer(model, key, comment("2024-01-02T00:00:00Z"), "updatedAt"),
    );
    expect(await Promise.all(writes)).toEqual(Array(8).fill("written"));
    expect(await model.countDocuments(key)).toBe(1);
  });

  it("keeps the newest of concurrent versions", async () => {
    const model = db.store().comments;
    const days = ["05", "02", "04", "01", "03"];
    await Promise.all(
      days.map((day) =>
        upsertIfNewer(model, key, comment(`2024-01-${day}T00:00:00Z`, `day-${day}`), "updatedAt"),
      ),
    );
    expect(await model.find(key).lean()).toMatchObject([{ author: { login: "day-05" } }]);
  });
});
