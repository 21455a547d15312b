import type { SimulatedOrg } from "./generate-org.js";
import { HOUR, int, pick, rng } from "./random.js";

export interface HookDelivery {
  id: number;
  guid: string;
  deliveredAt: number;
  redelivery: boolean;
  duration: number;
  status: string;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number;
  repositoryId: number;
}

const EVENTS: Array<[string, string | null]> = [
  ["pull_request", "closed"],
  ["pull_request", "opened"],
  ["pull_request", "synchronize"],
  ["pull_request_review", "submitted"],
  ["check_run", "completed"],
  ["issue_comment", "created"],
  ["push", null],
];

/** Sends a delivery again and records the attempt; false when it holds no payload for it. */
export type Resend = (original: HookDelivery) => boolean;

/**
 * The app's recent webhook deliveries (about one in five failed), which GitHub never retries by
 * itself; `redeliver` records the request and adds the successful new attempt, as GitHub does. Deliveries
 * really sent (`WebhookSender`) are added as they are attempted, and their redelivery is really sent.
 */
export class HookDeliveries {
  private readonly deliveries: HookDelivery[] = [];
  /** Ids of the deliveries a client asked to redeliver, in order. */
  readonly redeliveries: number[] = [];
  /** Set by a `WebhookSender`: redelivers the deliveries it sent, with their payloads. */
  resend: Resend | null = null;

  constructor(org: SimulatedOrg, count = 30) {
    const r = rng(org.world.seed, "hook-deliveries");
    for (let i = 0; i < count; i++) {
      const [event, action] = pick(r, EVENTS);
      const failed = r() < 0.2;
      const timedOut = failed && r() < 0.3;
      this.deliveries.push({
        id: 90_000_000_000 + i,
        guid: `${int(r, 1e7, 9e7).toString(16)}-0000-11ef-8000-${String(i).padStart(12, "0")}`,
        deliveredAt: Math.floor(org.world.now - 24 * HOUR + (i * 24 * HOUR) / count),
        redelivery: false,
        duration: timedOut ? 10 : Math.round(r() * 100) / 100,
        status: timedOut ? "timed out" : failed ? "Invalid HTTP Response: 502" : "OK",
        statusCode: timedOut ? 0 : failed ? 502 : 200,
        event,
        action,
        installationId: org.installationId,
        repositoryId: pick(r, org.repos).id,
      });
    }
  }

  /** Newest first, like GitHub. */
  list(): HookDelivery[] {
    return [...this.deliveries].sort((a, b) => b.deliveredAt - a.deliveredAt || b.id - a.id);
  }

  get(id: number): HookDelivery | undefined {
    return this.deliveries.find((delivery) => delivery.id === id);
  }

  /** Records an attempt GitHub made, under the next id. */
  add(attempt: Omit<HookDelivery, "id">): HookDelivery {
    const recorded = { ...attempt, id: this.nextId() };
    this.deliveries.push(recorded);
    return recorded;
  }

  /** True when asked: GitHub answers 202 and sends the delivery again later (a real one by `resend`). */
  redeliver(id: number): boolean {
    const original = this.get(id);
    if (!original) return false;
    this.redeliveries.push(id);
    if (this.resend?.(original)) return true;
    this.add({
      ...original,
      deliveredAt: Math.max(Date.now(), ...this.deliveries.map((delivery) => delivery.deliveredAt + 1)),
      redelivery: true,
      duration: 0.12,
      status: "OK",
      statusCode: 200,
    });
    return true;
  }

  private nextId(): number {
    return Math.max(90_000_000_000 - 1, ...this.deliveries.map((delivery) => delivery.id)) + 1;
  }
}
