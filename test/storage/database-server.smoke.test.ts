import { MongoClient, type Db } from "mongodb";
import { testMongoUri } from "../harness/database.js";

/**
 * STACK.md asks to prove the MongoDB-compatible server before relying on it: the operations mergelens
 * depends on must behave as on MongoDB itself.
 */
describe("the test database server", () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(testMongoUri());
    db = client.db(`smoke_${Date.now()}`);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it("answers the handshake", async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
  });

  it("enforces unique indexes", async () => {
    const items = db.collection("unique_items");
    await items.createIndex({ key: 1 }, { unique: true });
    await items.insertOne({ key: "a" });
    await expect(items.insertOne({ key: "a" })).rejects.toMatchObject({ code: 11000 });
  });

  it("turns a conditional upsert that meets a newer document into a duplicate-key error", async () => {
    const items = db.collection("versioned");
    await items.createIndex({ key: 1 }, { unique: true });
    await items.insertOne({ key: "k", version: 5 });
    await expect(
      items.updateOne({ key: "k", version: { $lte: 3 } }, { $set: { version: 3 } }, { upsert: true }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await items.findOne({ key: "k" })).toMatchObject({ version: 5 });
  });

  it("runs concurrent findOneAndUpdate atomically", async () => {
    const counters = db.collection("counters");
    await counters.insertOne({ _id: "c" as never, n: 0 });
    await Promise.all(
      Array.from({ length: 50 }, () => counters.findOneAndUpdate({ _id: "c" as never }, { $inc: { n: 1 } })),
    );
    expect(await counters.findOne({ _id: "c" as never })).toMatchObject({ n: 50 });
  });

  it("claims each job once under concurrent findOneAndUpdate", async () => {
    const jobs = db.collection("claims");
    await jobs.insertMany(Array.from({ length: 20 }, (_, i) => ({ i, lockedBy: null })));
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, worker) =>
        jobs.findOneAndUpdate(
          { lockedBy: null },
          { $set: { lockedBy: worker } },
          { returnDocument: "after" },
        ),
      ),
    );
    const claimed = claims.filter((doc) => doc !== null).map((doc) => doc.i);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(20);
  });

  it("accepts a TTL index", async () => {
    const expiring = db.collection("expiring");
    await expiring.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const indexes = await expiring.indexes();
    expect(indexes.find((index) => index.name === "at_1")?.expireAfterSeconds).toBe(60);
  });

  it("aggregates with $match, $group, $sort and $facet", async () => {
    const prs = db.collection("agg");
    await prs.insertMany([
      { repo: "a", hours: 1 },
      { repo: "a", hours: 3 },
      { repo: "b", hours: 10 },
    ]);
    const [result] = await prs
      .aggregate([
        { $match: { hours: { $gte: 1 } } },
        {
          $facet: {
            byRepo: [
              { $group: { _id: "$repo", total: { $sum: "$hours" }, n: { $sum: 1 } } },
              { $sort: { _id: 1 } },
            ],
            count: [{ $count: "n" }],
          },
        },
      ])
      .toArray();
    expect(result.byRepo).toEqual([
      { _id: "a", total: 4, n: 2 },
      { _id: "b", total: 10, n: 1 },
    ]);
    expect(result.count).toEqual([{ n: 3 }]);
  });
});
