import { createHmac, randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { testMongoUri } from "../harness/database.js";
import { testPrivateKey } from "../harness/private-key.js";
import { edit, example } from "../webhooks/helpers/fixtures.js";

/**
 * The Lambda functions as AWS calls them: API Gateway events into `webhooks`, an empty schedule event
 * into `scheduleSyncs`. They only enqueue: deliveries into the inbox, syncs into the job queue, for
 * the worker to apply and run.
 */
const SECRET = "lambda-secret";
const dbName = `lambda_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
let lambda: typeof import("../../src/lambda.js");
let client: MongoClient;

beforeAll(async () => {
  Object.assign(process.env, {
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: SECRET,
    MONGODB_URI: testMongoUri().replace("/?", `/${dbName}?`),
    LOG_LEVEL: "fatal",
  });
  lambda = await import("../../src/lambda.js");
  client = await MongoClient.connect(testMongoUri());
});
afterAll(async () => {
  await lambda.shutdown();
  await client.db(dbName).dropDatabase();
  await client.close();
});

const db = () => client.db(dbName);
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

function event(name: string, payload: object, secret = SECRET) {
  const body = JSON.stringify(payload);
  return {
    httpMethod: "POST",
    path: "/api/github/webhooks",
    headers: {
      "X-GitHub-Event": name,
      "X-GitHub-Delivery": randomUUID(),
      "X-Hub-Signature-256": sign(body, secret),
      "Content-Type": "application/json",
    },
    body,
  };
}

// Where the webhook function stores a delivery, until a worker admits it to `inbox_batches`.
const inbox = () => db().collection("inbox_arrivals");
/** The stored delivery with its batch's fields (installation, state), or null. */
async function stored(id: string) {
  const batch = await inbox().findOne({ "deliveries.id": id });
  const entry = (batch?.deliveries as Array<{ id: string }> | undefined)?.find((d) => d.id === id);
  return batch && entry ? { ...entry, installationId: batch.installationId, state: batch.state } : null;
}

describe("the Lambda functions", () => {
  it("store a signed delivery in the inbox, and nothing else, for the worker to apply", async () => {
    const delivery = event("installation", example("installation", "created"));
    const result = await lambda.webhooks(delivery);
    expect(result.statusCode).toBe(200);
    expect(await stored(delivery.headers["X-GitHub-Delivery"])).toMatchObject({
      event: "installation",
      action: "created",
      installationId: 957387,
      state: "pending",
    });
    expect(await db().collection("installations").countDocuments()).toBe(0);
    expect(await db().collection("jobs").countDocuments({ name: "backfill-repository" })).toBe(0);
  });

  it("refuse a forged signature with 400 and store nothing", async () => {
    const forged = event("installation", example("installation", "created"), "wrong");
    const result = await lambda.webhooks(forged);
    expect(result.statusCode).toBe(400);
    expect(await inbox().countDocuments({ "deliveries.id": forged.headers["X-GitHub-Delivery"] })).toBe(0);
  });

  it("accept a base64-encoded body, as API Gateway's HTTP API may send it", async () => {
    const plain = event("installation", edit(example("installation", "created"), { "installation.id": 6 }));
    const encoded = { ...plain, body: Buffer.from(plain.body).toString("base64"), isBase64Encoded: true };
    expect((await lambda.webhooks(encoded)).statusCode).toBe(200);
    expect(await stored(plain.headers["X-GitHub-Delivery"])).toMatchObject({
      installationId: 6,
    });
  });

  it("refuse a body over GitHub's 25 MB limit with 413", async () => {
    const huge = event("push", { padding: "x".repeat(25 * 1024 * 1024) });
    expect((await lambda.webhooks(huge)).statusCode).toBe(413);
    expect(await inbox().countDocuments({ "deliveries.id": huge.headers["X-GitHub-Delivery"] })).toBe(0);
  });

  it("queue one installation sync per active installation on schedule, once", async () => {
    await db()
      .collection("installations")
      .insertMany([
        { installationId: 11, suspendedAt: null },
        { installationId: 12, suspendedAt: null },
        { installationId: 13, suspendedAt: new Date() },
      ]);
    expect(await lambda.scheduleSyncs()).toEqual({ queued: 2 });
    expect(await lambda.scheduleSyncs()).toEqual({ queued: 0 });
    expect(await db().collection("jobs").countDocuments({ name: "sync-installation" })).toBe(2);
  });
});
