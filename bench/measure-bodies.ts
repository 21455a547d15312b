import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { examplePayload, exampleObject } from "./webhook-examples.js";
import { signBody } from "./webhook-signature.js";
import { withAppOnSimulatedRepo } from "./app-on-simulated-repo.js";

/** Issue 12's proof: a forged and a validly signed body of 30 MB, over the 25 MB the app accepts. */
export const BODY_BYTES = 30 * 1024 * 1024;

export type BodyKind = "forged" | "valid";

export interface BodyAnswer {
  kind: BodyKind;
  bytes: number;
  /** The HTTP status, or null when no answer came (the error says why). */
  status: number | null;
  /** From the request's start until the answer's status line arrived (or the request failed). */
  ms: number;
  error?: string;
}

export interface BodiesResult {
  answers: BodyAnswer[];
  /** The app's resident memory before the first body, and the highest sampled until after the last. */
  rssBeforeBytes: number;
  rssPeakBytes: number;
  /** What the app wrote to stdout and stderr from the first body until after the last. */
  logBytes: number;
}

/** Lets the app finish starting (the worker, Agenda) before the baseline is taken. */
const IDLE_MS = 3_000;
/** How long after the last answer memory is still sampled and the log still counted. */
const SETTLE_MS = 1_000;
const SAMPLE_MS = 10;

/** A process's resident set size from /proc (Linux): what the "grew the process by" measured. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kilobytes) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kilobytes) * 1024;
}

/** GitHub's `pull_request.opened` example with its PR body padded so the JSON is exactly `bytes` long. */
export function oversizedPayload(bytes: number): string {
  const payload = examplePayload("pull_request", "opened");
  const pullRequest = exampleObject(payload, "pull_request");
  pullRequest.body = "";
  const padding = bytes - Buffer.byteLength(JSON.stringify(payload));
  pullRequest.body = "x".repeat(padding);
  return JSON.stringify(payload);
}

/** POSTs `body` with its Content-Length, as GitHub sends deliveries, and times the answer. */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Omit<BodyAnswer, "kind">> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(url, { method: "POST", headers: { ...headers, "content-length": body.length } });
    req.on("response", (response) => {
      resolve({ bytes: body.length, status: response.statusCode ?? null, ms: performance.now() - started });
      response.resume();
    });
    // After an early answer the app closes the connection while the body is still being written.
    req.on("error", (error) =>
      resolve({ bytes: body.length, status: null, ms: performance.now() - started, error: error.message }),
    );
    req.end(body);
  });
}

/**
 * `src/main.ts` as `npm start` runs it (bench/app-process.ts, default log level) on a fresh database; the
 * two bodies are posted to /api/github/webhooks one after the other while the app's RSS is sampled
 * every 10 ms, and its log is counted, from just before the first until a second after the last answer.
 */
export async function measureBodies(options: { mongoUri: string }): Promise<BodiesResult> {
  const setup = { mongoUri: options.mongoUri, prs: 5, purpose: "bodies" };
  return withAppOnSimulatedRepo(setup, async ({ secret, app }) => {
    await sleep(IDLE_MS);
    const text = oversizedPayload(BODY_BYTES);
    const payload = Buffer.from(text, "utf8");
    const rssBeforeBytes = residentBytes(app.pid);
    const logBefore = app.logBytes();
    let rssPeakBytes = rssBeforeBytes;
    const sampler = setInterval(() => {
      try {
        rssPeakBytes = Math.max(rssPeakBytes, residentBytes(app.pid));
      } catch {
        // The app is gone: the answers (none) and app.stop() say so.
      }
    }, SAMPLE_MS);
    const answers: BodyAnswer[] = [];
    try {
      const signers: Record<BodyKind, string> = { forged: randomBytes(16).toString("hex"), valid: secret };
      for (const kind of ["forged", "valid"] as const) {
        const headers = {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/bench",
          "x-github-delivery": randomUUID(),
          "x-github-event": "pull_request",
          "x-hub-signature-256": signBody(text, signers[kind]),
        };
        answers.push({ kind, ...(await post(`${app.url}/api/github/webhooks`, payload, headers)) });
      }
      await sleep(SETTLE_MS);
    } finally {
      clearInterval(sampler);
    }
    rssPeakBytes = Math.max(rssPeakBytes, residentBytes(app.pid));
    return { answers, rssBeforeBytes, rssPeakBytes, logBytes: app.logBytes() - logBefore };
  });
}
