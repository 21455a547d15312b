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

/**
 * The app's recent webhook deliveries (about one in five failed), which GitHub never retries by
 * itself; `redeliver` records the request and adds the successful new attempt, as GitHub does.
 */
export class HookDeliveries {
  private readonly deliveries: HookDelivery[] = [];
  /** Ids of the deliveries a client asked to redeliver, in order. */
  readonly redeliveries: number[] = [];

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

  redeliver(id: number): HookDelivery | undefined {
    const original = this.get(id);
    if (!original) return undefined;
    this.redeliveries.push(id);
    const attempt: HookDelivery = {
      ...original,
      id: Math.max(...this.deliveries.map((delivery) => delivery.id)) + 1,
      deliveredAt: Math.max(Date.now(), ...this.deliveries.map((delivery) => delivery.deliveredAt + 1)),
      redelivery: true,
      duration: 0.12,
      status: "OK",
      statusCode: 200,
    };
    this.deliveries.push(attempt);
    return attempt;
  }
}
