import { createHmac } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { MongoClient } from "mongodb";
import { pino } from "pino";
import { createInboxWriter, findDeliveries, inboxStorage } from "../../src/storage/inbox/index.js";
import type { InboxBatch } from "../../src/storage/models/inbox-batch.js";
import { createWebhookRoute } from "../../src/webhooks/receive/route.js";
import { clearStore } from "../harness/database.js";
import { useTestApp, WEBHOOK_SECRET } from "./helpers/app.js";
import { edit, example } from "./helpers/fixtures.js";

/** Deliveries through the real webhook route, where signatures and envelopes are checked. */
const { db, app } = useTestApp();
const log = pino({ level: "silent" });
let server: Server;
let url: string;
const MAX_BYTES = 64 * 1024;

function serve(route: ReturnType<typeof createWebhookRoute>): Promise<Server> {
  const listening = createServer((request, response) => {
    void route(request, response).then((handled) => {
      if (!handled) response.writeHead(404).end();
    });
  });
  return new Promise((resolve) => listening.listen(0, "127.0.0.1", () => resolve(listening)));
}
const urlOf = (listening: Server) =>
  `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/github/webhooks`;

beforeAll(async () => {
  const writer = createInboxWriter(inboxStorage(db.store()), { timeoutMs: 5_000 });
  const verifySecret = (body: string, signature: string) => verify(WEBHOOK_SECRET, body, signature);
  server = await serve(createWebhookRoute({ verify: verifySecret, writer, log, maxBytes: MAX_BYTES }));
  url = urlOf(server);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
  await clearStore(db.store());
});

const sign = (body: string, secret: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

async function postRaw(
  event: string,
  body: string,
  options: { secret?: string; id?: string; to?: string } = {},
) {
  return fetch(options.to ?? url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.id ?? "http-delivery",
      "x-hub-signature-256": sign(body, options.secret ?? WEBHOOK_SECRET),
    },
    body,
  });
}
const post = (event: string, payload: unknown, options: { secret?: string; id?: string } = {}) =>
  postRaw(event, JSON.stringify(payload), options);

const inbox = () => findDeliveries(inboxStorage(db.store()));
const stateOf = async (id: string) =>
  (await findDeliveries(inboxStorage(db.store()), { ids: [id] }))[0]?.state;

describe("POST /api/github/webhooks", () => {
  it("refuses a forged signature with 400 and stores nothing", async () => {
    const response = await post("pull_request", example("pull_request", "opened"), {
      secret: "not-the-secret",
    });

    expect(response.status).toBe(400);
    expect(await inbox()).toEqual([]);
  });

  it("stores a signed delivery raw in the inbox before answering 200, for the worker to apply", async () => {
    const payload = example("pull_request", "opened");
    const response = await post("pull_request", payload, { id: "d-1" });

    expect(response.status).toBe(200);
    expect(await inbox()).toMatchObject([
      {
        id: "d-1",
        event: "pull_request",
        action: "opened",
        installationId: 1,
        payload: JSON.stringify(payload),
        state: "pending",
      },
    ]);
    expect(await db.store().pullRequests.countDocuments()).toBe(0);
    await app.retryNow();
    expect(await db.store().pullRequests.countDocuments()).toBe(1);
  });

  it("acknowledges a redelivered delivery again, storing it for the worker to recognise", async () => {
    const payload = example("pull_request", "opened");
    expect((await post("pull_request", payload, { id: "same" })).status).toBe(200);
    expect((await post("pull_request", payload, { id: "same" })).status).toBe(200);
    // The worker applies the first copy only (test/webhooks/inbox.test.ts).
    expect((await inbox()).map((delivery) => delivery.id)).toEqual(["same", "same"]);
  });

  it.each([
    ["JSON null", "null"],
    ["not JSON", "{"],
    ["an object as installation id", JSON.stringify({ action: "opened", installation: { id: { $gt: 1 } } })],
    ["a number as action", JSON.stringify({ action: 7 })],
  ])("answers a signed but malformed envelope (%s) with 400 and stores nothing", async (_why, body) => {
    const response = await postRaw("pull_request", body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_payload" } });
    expect(await inbox()).toEqual([]);
  });

  it("answers 400 to missing GitHub headers", async () => {
    const response = await fetch(url, { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
    expect(await inbox()).toEqual([]);
  });

  it("accepts a signed payload its schema rejects, and the worker sets it aside", async () => {
    const malformed = edit(example("pull_request", "opened"), { "pull_request.number": "two" });
    expect((await post("pull_request", malformed, { id: "malformed" })).status).toBe(200);
    expect((await post("pull_request", example("pull_request", "opened"), { id: "fine" })).status).toBe(200);

    await app.retryNow();
    expect(await db.store().pullRequests.countDocuments()).toBe(1);
    expect(await stateOf("malformed")).toBe("failed");
    expect(await stateOf("fine")).toBe("applied");
  });

  it("refuses a body over the limit with 413 before reading it, and stores nothing", async () => {
    const declared = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, {
        method: "POST",
        headers: { "content-length": String(MAX_BYTES + 1), "x-github-event": "push" },
      });
      request.on("response", (response) => resolve(response.statusCode ?? 0));
      request.on("error", reject);
      // Nothing of the body is sent: the answer must not wait for it.
      request.flushHeaders();
    });
    expect(declared).toBe(413);

    const chunked = await postRaw("push", JSON.stringify({ padding: "x".repeat(MAX_BYTES) }));
    expect(chunked.status).toBe(413);
    expect(await inbox()).toEqual([]);
  });

  it("answers 503 within its timeout when the database does not answer, and stores nothing", async () => {
    // The real driver, pointed at a port where no database listens: every write waits for a server.
    const client = new MongoClient("mongodb://127.0.0.1:9/?directConnection=true", {
      serverSelectionTimeoutMS: 60_000,
    });
    const dead = client.db("down");
    const writer = createInboxWriter(
      { arrivals: dead.collection<InboxBatch>("inbox_arrivals") },
      { timeoutMs: 300 },
    );
    const down = await serve(createWebhookRoute({ verify: async () => true, writer, log }));
    try {
      const response = await postRaw("pull_request", JSON.stringify(example("pull_request", "opened")), {
        to: urlOf(down),
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
    } finally {
      await new Promise((resolve) => down.close(resolve));
      await client.close(true);
    }
    expect(await inbox()).toEqual([]);
  });
});
