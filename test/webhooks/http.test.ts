import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware } from "probot";
import { registerWebhooks } from "../../src/webhooks/register.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { createProbot, recordingDeps, WEBHOOK_SECRET, type RecordingDeps } from "./helpers/app.js";
import { edit, example } from "./helpers/fixtures.js";

/** Deliveries through Probot's real HTTP middleware, where signatures are checked. */
const db = useTestDatabase();
let server: Server;
let url: string;
let deps: RecordingDeps;

beforeAll(async () => {
  deps = recordingDeps(db.store);
  const middleware = await createNodeMiddleware((app) => registerWebhooks(app, deps), {
    probot: createProbot(),
  });
  server = createServer((request, response) => {
    void middleware(request, response, () => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
  await clearStore(db.store());
  deps.errors.length = 0;
});

const sign = (body: string, secret: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

async function post(event: string, payload: object, secret = WEBHOOK_SECRET, id = "http-delivery") {
  const body = JSON.stringify(payload);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-hub-signature-256": sign(body, secret),
    },
    body,
  });
}

const storedPrs = () => db.store().pullRequests.countDocuments();

describe("POST /api/github/webhooks", () => {
  it("refuses a forged signature with a 4xx and stores nothing", async () => {
    const response = await post("pull_request", example("pull_request", "opened"), "not-the-secret");

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await storedPrs()).toBe(0);
    expect(await db.store().repositories.countDocuments()).toBe(0);
  });

  it("stores a correctly signed delivery", async () => {
    const response = await post("pull_request", example("pull_request", "opened"));

    expect(response.status).toBe(200);
    expect(await db.store().pullRequests.findOne({ installationId: 1, number: 2 }).lean()).toMatchObject({
      repo: "Codertocat/Hello-World",
      state: "open",
    });
  });

  it("answers a signed but malformed payload with 200, stores nothing, and serves the next one", async () => {
    const malformed = edit(example("pull_request", "opened"), { "pull_request.number": "two" });
    const skipped = await post("pull_request", malformed, WEBHOOK_SECRET, "malformed-delivery");

    expect(skipped.status).toBe(200);
    expect(await storedPrs()).toBe(0);
    expect(deps.errors).toMatchObject([
      { context: { deliveryId: "malformed-delivery", event: "pull_request.opened" } },
    ]);

    expect((await post("pull_request", example("pull_request", "opened"))).status).toBe(200);
    expect(await storedPrs()).toBe(1);
  });
});
