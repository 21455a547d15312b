import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { startSimulator, type Simulator } from "../../src/simulator/server.js";
import { freePort } from "../../src/storage/embedded-server.js";
import { APP_JWT, installationToken, rest } from "./client.js";

const SECRET = "sender-test-secret";

interface Received {
  event: string | undefined;
  guid: string | undefined;
  signed: boolean;
  body: string;
}

/** An app that checks GitHub's headers and answers each delivery with the next status of `answers`. */
async function startReceiver(answers: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const signature = String(request.headers["x-hub-signature-256"]);
        received.push({
          event: request.headers["x-github-event"] as string | undefined,
          guid: request.headers["x-github-delivery"] as string | undefined,
          signed: await verify(SECRET, body, signature),
          body,
        });
        response.writeHead(answers.shift() ?? 200).end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("the simulator sending webhooks as GitHub does", () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: "sender", repos: 1, prsPerRepo: 5 });
    token = await installationToken(sim);
  });
  afterAll(() => sim.stop());

  it("signs each delivery, logs a refused one as failed, and redelivers it with the same guid", async () => {
    const receiver = await startReceiver([503, 200]);
    sim.webhooks.setTarget({ url: receiver.url, secret: SECRET });
    const payload = { action: "edited", installation: { id: sim.org.installationId }, number: 1 };
    const first = await sim.webhooks.deliver("pull_request", payload);
    expect(first.answer).toBe(503);

    const app = { authorization: `Bearer ${APP_JWT}` };
    const listed = (await rest(sim, token, "/app/hook/deliveries?per_page=100", { headers: app }))
      .body as Array<Record<string, unknown>>;
    const failed = listed.find((delivery) => delivery.guid === first.delivery.guid);
    expect(failed).toMatchObject({
      status: "Invalid HTTP Response: 503",
      status_code: 503,
      event: "pull_request",
      action: "edited",
      installation_id: sim.org.installationId,
      redelivery: false,
    });

    const asked = await rest(sim, token, `/app/hook/deliveries/${String(failed?.id)}/attempts`, {
      method: "POST",
      headers: app,
    });
    expect(asked.status).toBe(202);
    await sim.webhooks.idle();
    expect(receiver.received).toEqual([
      { event: "pull_request", guid: first.delivery.guid, signed: true, body: JSON.stringify(payload) },
      { event: "pull_request", guid: first.delivery.guid, signed: true, body: JSON.stringify(payload) },
    ]);
    expect(sim.webhooks.attempts.map((attempt) => [attempt.delivery.redelivery, attempt.answer])).toEqual([
      [false, 503],
      [true, 200],
    ]);
    await receiver.stop();
  });

  it("logs an app it cannot reach as a failed delivery with no status", async () => {
    sim.webhooks.setTarget({ url: `http://127.0.0.1:${await freePort()}/`, secret: SECRET });
    const attempt = await sim.webhooks.deliver("push", { installation: { id: sim.org.installationId } });
    expect(attempt.answer).toBeNull();
    expect(sim.deliveries.get(attempt.delivery.id)).toMatchObject({
      status: "failed to connect to host",
      statusCode: 0,
      action: null,
    });
  });
});
