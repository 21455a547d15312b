import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildLambdaBundle, TARGET_BYTES, type LambdaBundle } from "../../scripts/lambda/build-bundle.js";
import { testMongoUri, useTestDatabase } from "../harness/database.js";
import { testPrivateKey } from "../harness/private-key.js";
import { edit, example, type Payload } from "../webhooks/helpers/fixtures.js";
import { startLambdaContainer, type LambdaContainer } from "./helpers/lambda-container.js";
import { httpApiEvent, scheduledEvent } from "./helpers/lambda-events.js";
import { storedForDelivery } from "./helpers/lambda-stored.js";

/**
 * The Lambda package as deployed: built from serverless.yml's own esbuild options into a directory with
 * no node_modules, each function in its own warm container (a node process that imported the bundle
 * once), invoked with the events AWS sends. src/lambda.ts's behaviour is tested in lambda.test.ts; this
 * checks that the bundle imports, holds all it needs and answers the same.
 */
const SECRET = "bundle-secret";
const db = useTestDatabase();
const packageDir = mkdtempSync(path.join(tmpdir(), "mergelens-lambda-"));
let bundle: LambdaBundle;
const containers = new Map<string, LambdaContainer>();

const mongo = () => {
  const connected = db.connection().db;
  if (!connected) throw new Error("the test database is not open");
  return connected;
};

/** Invokes serverless.yml's function `name` by the handler the yml gives it. */
async function invoke(name: string, event: object): Promise<unknown> {
  const fn = bundle.functions.find((candidate) => candidate.name === name);
  const container = containers.get(name);
  if (!fn || !container) throw new Error(`serverless.yml has no function ${name}`);
  return container.invoke(fn.exportName, event);
}

beforeAll(async () => {
  bundle = await buildLambdaBundle(process.cwd(), packageDir);
  const env = {
    NODE_ENV: "production",
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: SECRET,
    MONGODB_URI: testMongoUri().replace("/?", `/${db.dbName}?`),
    LOG_FORMAT: "json",
    LOG_LEVEL: "fatal",
  };
  for (const fn of bundle.functions) {
    const container = await startLambdaContainer({ packageDir, file: fn.file, functionName: fn.name, env });
    containers.set(fn.name, container);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([...containers.values()].map((container) => container.stop()));
  rmSync(packageDir, { recursive: true, force: true });
});

function delivery(payload: Payload, secret = SECRET) {
  const id = randomUUID();
  const body = JSON.stringify(payload);
  const headers = {
    "X-GitHub-Event": "installation",
    "X-GitHub-Delivery": id,
    "X-Hub-Signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
  return { id, payload, body, headers };
}

describe("the Lambda package built from serverless.yml", () => {
  it("is one bundle per handler module, with nothing else beside it, within the size target", () => {
    expect(bundle.files.map((file) => file.path)).toEqual([
      ...new Set(bundle.functions.map((fn) => fn.file)),
    ]);
    expect(bundle.bytes).toBeLessThanOrEqual(TARGET_BYTES);
    expect(bundle.functions.map((fn) => fn.name).sort()).toEqual(["schedule-syncs", "webhooks"]);
  });

  it("stores a signed delivery sent as an HTTP API v2 event", async () => {
    const signed = delivery(edit(example("installation", "created"), { "installation.id": 701 }));
    const result = await invoke("webhooks", httpApiEvent(signed));
    expect(result).toMatchObject({ statusCode: 200 });
    expect(await storedForDelivery(mongo(), signed)).toBe(1);
  });

  it("refuses a forged signature with 400 and stores nothing", async () => {
    const forged = delivery(edit(example("installation", "created"), { "installation.id": 702 }), "wrong");
    const result = await invoke("webhooks", httpApiEvent(forged));
    expect(result).toMatchObject({ statusCode: 400 });
    expect(await storedForDelivery(mongo(), forged)).toBe(0);
  });

  it("stores a delivery whose body API Gateway base64-encoded", async () => {
    const signed = delivery(edit(example("installation", "created"), { "installation.id": 703 }));
    const body = Buffer.from(signed.body).toString("base64");
    const result = await invoke("webhooks", httpApiEvent({ ...signed, body, isBase64Encoded: true }));
    expect(result).toMatchObject({ statusCode: 200 });
    expect(await storedForDelivery(mongo(), signed)).toBe(1);
  });

  it("queues one sync per active installation on EventBridge's schedule", async () => {
    const installations = db.store().installations;
    await installations.create([
      {
        installationId: 801,
        account: { id: 801, login: "a", type: "Organization" },
        repositorySelection: "all",
      },
      {
        installationId: 802,
        account: { id: 802, login: "b", type: "Organization" },
        repositorySelection: "all",
      },
      {
        installationId: 803,
        account: { id: 803, login: "c", type: "Organization" },
        repositorySelection: "all",
        suspendedAt: new Date(),
      },
    ]);
    const active = await installations.countDocuments({ suspendedAt: null });
    expect(await invoke("schedule-syncs", scheduledEvent())).toEqual({ queued: active });
    const jobs = await mongo().collection("jobs").find({ name: "sync-installation" }).toArray();
    expect(jobs.map((job) => job.data.installationId as number)).toEqual(expect.arrayContaining([801, 802]));
    expect(jobs).toHaveLength(active);
  });
});
