import { createHmac, randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { testMongoUri } from "../harness/database.js";
import { testPrivateKey } from "../harness/private-key.js";
import { edit, example } from "../webhooks/helpers/fixtures.js";

/**
 * The Lambda functions as AWS calls them: API Gateway events into `webhooks`, an empty schedule event
 * into `scheduleSyncs`. They only enqueue; the test reads the jobs they leave for the worker.
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

describe("the Lambda functions", () => {
  it("store a signed installation and queue its backfill for the worker", async () => {
    const result = await lambda.webhooks(event("installation", example("installation", "created")), {});
    expect(result.statusCode).toBe(200);
    expect(await db().collection("installations").countDocuments({ installationId: 957387 })).toBe(1);
    expect(await db().collection("jobs").findOne({ name: "backfill-repository" })).toMatchObject({
      data: { installationId: 957387, repoId: 186853002, days: 90 },
    });
  });

  it("refuse a forged signature with 400 and store nothing", async () => {
    const forged = event(
      "installation",
      edit(example("installation", "created"), { "installation.id": 5 }),
      "wrong",
    );
    const result = await lambda.webhooks(forged, {});
    expect(result.statusCode).toBe(400);
    expect(await db().collection("installations").countDocuments({ installationId: 5 })).toBe(0);
  });

  it("accept a base64-encoded body, as API Gateway's HTTP API may send it", async () => {
    const plain = event("installation", edit(example("installation", "created"), { "installation.id": 6 }));
    const encoded = { ...plain, body: Buffer.from(plain.body).toString("base64"), isBase64Encoded: true };
    expect((await lambda.webhooks(encoded, {})).statusCode).toBe(200);
    expect(await db().collection("installations").countDocuments({ installationId: 6 })).toBe(1);
  });

  it("queue one installation sync per active installation on schedule, once", async () => {
    await db().collection("jobs").deleteMany({ name: "sync-installation" });
    const installations = await db().collection("installations").countDocuments({ suspendedAt: null });
    expect(await lambda.scheduleSyncs()).toEqual({ queued: installations });
    expect(await lambda.scheduleSyncs()).toEqual({ queued: 0 });
    expect(await db().collection("jobs").countDocuments({ name: "sync-installation" })).toBe(installations);
  });
});
