import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Accounting, type SimulatorStats } from "./accounting.js";
import { TokenStore } from "./auth.js";
import { dispatch, type Simulation } from "./dispatch.js";
import { Faults, type FaultHandle, type FaultSpec } from "./faults.js";
import { SimulatedOrg, type OrgOptions } from "./generate-org.js";
import { HookDeliveries } from "./hook-deliveries.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import type { SimResponse } from "./responses.js";
import { WebhookSender } from "./webhook-sender.js";

export interface SimulatorOptions extends OrgOptions {
  /** Default 0: any free port. */
  port?: number;
  /** The GitHub App's id, as `GET /app` reports it. Default 1. */
  appId?: number;
  /** How long an installation token works. Default one hour, as on GitHub. */
  tokenLifetimeMs?: number;
  rateLimit?: RateLimitOptions;
  /** Delay before every answer. Default 0. */
  latencyMs?: number;
}

export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, for `GHE_HOST`. */
  host: string;
  /** What Probot needs to talk to this simulator instead of github.com. */
  env: { GHE_HOST: string; GHE_PROTOCOL: "http" };
  org: SimulatedOrg;
  deliveries: HookDeliveries;
  /** GitHub sending webhooks to the app (once given its URL), recorded in `deliveries`. */
  webhooks: WebhookSender;
  stats(): SimulatorStats;
  resetStats(): void;
  setLatency(ms: number): void;
  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  /** Every installation token issued so far answers 401 from now on. */
  expireTokens(): void;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function write(res: ServerResponse, response: SimResponse): void {
  const text = response.text ?? JSON.stringify(response.body ?? null);
  res.writeHead(response.status, {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    "x-github-request-id": `SIM:${Date.now().toString(16)}`,
    ...response.headers,
  });
  res.end(text);
}

/** Starts a small GitHub on loopback serving a generated organisation (REST at /api/v3, GraphQL at /api/graphql). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const org = new SimulatedOrg(options);
  const urls = { api: "", web: "" };
  const deliveries = new HookDeliveries(org);
  const sim: Simulation = {
    state: {
      appId: options.appId ?? 1,
      org,
      tokens: new TokenStore(options.tokenLifetimeMs ?? 3_600_000),
      deliveries,
      limiter: new RateLimiter(options.rateLimit),
      urls,
    },
    accounting: new Accounting(),
    faults: new Faults(),
  };
  let latency = options.latencyMs ?? 0;

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        if (latency > 0) await sleep(latency);
        const url = new URL(req.url ?? "/", urls.web);
        const authorization = req.headers.authorization;
        const response = await dispatch(sim, {
          method: req.method ?? "GET",
          url,
          authorization,
          accept: req.headers.accept ?? "",
          body,
        });
        write(res, response);
      } catch (error) {
        write(res, { status: 500, body: { message: `simulator error: ${String(error)}` } });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  urls.web = `http://${host}`;
  urls.api = `http://${host}/api/v3`;

  return {
    url: urls.web,
    host,
    env: { GHE_HOST: host, GHE_PROTOCOL: "http" },
    org,
    deliveries,
    webhooks: new WebhookSender(deliveries),
    stats: () => sim.accounting.snapshot(),
    resetStats: () => sim.accounting.reset(),
    setLatency: (ms) => {
      latency = ms;
    },
    injectFault: (spec) => sim.faults.inject(spec),
    clearFaults: () => sim.faults.clear(),
    expireTokens: () => sim.state.tokens.expireAll(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
