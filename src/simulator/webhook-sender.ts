import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import type { HookDeliveries, HookDelivery } from "./hook-deliveries.js";

export interface WebhookTarget {
  /** The app's webhook URL, e.g. `http://127.0.0.1:3000/api/github/webhooks`. */
  url: string;
  secret: string;
  /** How long GitHub waits for an answer before it records "timed out". Default 10 s, as on GitHub. */
  timeoutMs?: number;
}

/** What the app answered one attempt: its status, or none when it could not be reached or timed out. */
export interface SentAttempt {
  delivery: HookDelivery;
  /** The HTTP status, or null for a connection error or a timeout. */
  answer: number | null;
}

interface Sent {
  event: string;
  body: string;
}

const GITHUB_TIMEOUT_MS = 10_000;

function outcome(answer: number | null, timedOut: boolean): Pick<HookDelivery, "status" | "statusCode"> {
  if (answer === null) return { status: timedOut ? "timed out" : "failed to connect to host", statusCode: 0 };
  const ok = answer >= 200 && answer < 300;
  return { status: ok ? "OK" : `Invalid HTTP Response: ${answer}`, statusCode: answer };
}

const idOf = (value: unknown): number =>
  typeof value === "object" && value !== null && "id" in value && typeof value.id === "number" ? value.id : 0;

/**
 * GitHub's side of webhooks: signs a payload, POSTs it to the app with GitHub's headers, waits at most
 * GitHub's 10 s, and records the attempt in the delivery log the app lists (`/app/hook/deliveries`).
 * A redelivery the app asks for sends the same payload under the same `X-GitHub-Delivery` guid, as GitHub
 * does; it runs in the background (GitHub answers the request 202 at once), `idle()` waits for it.
 */
export class WebhookSender {
  private target: WebhookTarget | null = null;
  private readonly sent = new Map<string, Sent>();
  private readonly inFlight = new Set<Promise<SentAttempt>>();
  /** Every attempt made, first to last, with the app's answer. */
  readonly attempts: SentAttempt[] = [];

  constructor(private readonly log: HookDeliveries) {
    log.resend = (original) => {
      const sent = this.sent.get(original.guid);
      if (!sent) return false;
      this.track(this.attempt(original.guid, sent, true));
      return true;
    };
  }

  setTarget(target: WebhookTarget): void {
    this.target = target;
  }

  /** Sends a new delivery of `event` (a fresh guid) and resolves with the attempt once answered. */
  deliver(event: string, payload: Record<string, unknown>): Promise<SentAttempt> {
    const guid = randomUUID();
    const sent = { event, body: JSON.stringify(payload) };
    this.sent.set(guid, sent);
    return this.track(this.attempt(guid, sent, false));
  }

  /** Resolves once every attempt started so far (redeliveries included) has its answer. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private track(attempt: Promise<SentAttempt>): Promise<SentAttempt> {
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
    return attempt;
  }

  private async attempt(guid: string, sent: Sent, redelivery: boolean): Promise<SentAttempt> {
    const target = this.target;
    if (!target) throw new Error("the simulator has no webhook target: call webhooks.setTarget first");
    const payload = JSON.parse(sent.body) as Record<string, unknown>;
    const timeout = AbortSignal.timeout(target.timeoutMs ?? GITHUB_TIMEOUT_MS);
    const startedAt = Date.now();
    let answer: number | null = null;
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/simulator",
          "x-github-event": sent.event,
          "x-github-delivery": guid,
          "x-hub-signature-256": await sign(target.secret, sent.body),
        },
        body: sent.body,
        signal: timeout,
      });
      answer = response.status;
      await response.arrayBuffer();
    } catch {
      // A refused connection or GitHub's timeout: recorded as a failed attempt, as GitHub does.
    }
    const delivery = this.log.add({
      guid,
      deliveredAt: startedAt,
      redelivery,
      duration: (Date.now() - startedAt) / 1000,
      ...outcome(answer, timeout.aborted),
      event: sent.event,
      action: typeof payload.action === "string" ? payload.action : null,
      installationId: idOf(payload.installation),
      repositoryId: idOf(payload.repository),
    });
    const attempt = { delivery, answer };
    this.attempts.push(attempt);
    return attempt;
  }
}
