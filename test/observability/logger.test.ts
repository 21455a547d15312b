import { PassThrough } from "node:stream";
import { Probot, Server } from "probot";
import type { Logger } from "pino";
import { createApiHandler } from "../../src/api/handler.js";
import { createToken } from "../../src/api/tokens.js";
import { createLogger } from "../../src/observability/logger.js";
import { useTestDatabase } from "../harness/database.js";
import { testPrivateKey } from "../harness/private-key.js";
import { seedInstallation } from "../api/seed.js";

const db = useTestDatabase();

/** The app's JSON logger writing into memory: every line as production would print it. */
async function capturedJsonLogger(): Promise<{ log: Logger; text: () => string }> {
  const sink = new PassThrough();
  let text = "";
  sink.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const log = await createLogger({ LOG_LEVEL: "info", LOG_FORMAT: "json" }, sink);
  return { log, text: () => text };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("log redaction", () => {
  it("logs an API call through Probot's request logger without its bearer token or cookie", async () => {
    const { log, text } = await capturedJsonLogger();
    await seedInstallation(db.store(), 1, "acme");
    const { token } = await createToken(db.store(), { installationId: 1 });
    const AppProbot = Probot.defaults({ appId: 1, privateKey: testPrivateKey(), secret: "s", log });
    const server = new Server({ port: 0, host: "127.0.0.1", log, Probot: AppProbot });
    await server.load((_app, { addHandler }) => addHandler(createApiHandler({ store: db.store() })));
    const http = await server.start();
    const address = http.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/sync`, {
        headers: { authorization: `Bearer ${token}`, cookie: "session=s3cr3t-cookie" },
      });
      expect(response.status).toBe(200);
      await settle();
    } finally {
      await server.stop();
    }
    const lines = text().trim().split("\n");
    const request = lines.map((line) => JSON.parse(line)).find((entry) => entry.req?.url === "/api/v1/sync");
    // The request is logged (with its id and headers), only the secrets are censored.
    expect(request.req.headers.authorization).toBe("[redacted]");
    expect(request.req.headers.cookie).toBe("[redacted]");
    expect(text()).not.toContain("mlk_");
    expect(text()).not.toContain(token);
    expect(text()).not.toContain("s3cr3t-cookie");
  });

  it("keeps a failed delivery's id and drops its payload", async () => {
    const { log, text } = await capturedJsonLogger();
    const failure = Object.assign(new Error("handler failed"), {
      event: {
        id: "delivery-42",
        name: "pull_request",
        payload: { pull_request: { title: "Private plan" } },
      },
    });
    log.child({ name: "event", id: "delivery-42" }).error(failure);
    log.info({ payload: { body: "Private body" }, token: "ghs_installationtoken" }, "structured");
    await settle();
    expect(text()).toContain("delivery-42");
    expect(text()).not.toContain("Private plan");
    expect(text()).not.toContain("Private body");
    expect(text()).not.toContain("ghs_installationtoken");
  });
});
