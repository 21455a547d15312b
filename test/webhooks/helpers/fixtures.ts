import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** A webhook payload as JSON: plain data we read and edit by path. */
export type Payload = Record<string, unknown>;

interface ExampleGroup {
  name: string;
  examples: Payload[];
}

const require = createRequire(import.meta.url);
const examples: ExampleGroup[] = JSON.parse(
  readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
);

/** Apps always receive `installation`; some community examples were captured without it. */
export const DEFAULT_INSTALLATION_ID = 1;

/**
 * A deep copy of GitHub's real example payload for `event`.`action` (no action: an event without one,
 * like `push`), preferring one captured from an App (with `installation`); otherwise `installation` is
 * added with id 1.
 */
export function example(event: string, action?: string): Payload {
  const group = examples.find((candidate) => candidate.name === event);
  const matching = (group?.examples ?? []).filter((payload) => payload.action === action);
  const chosen = matching.find((payload) => payload.installation) ?? matching[0];
  if (!chosen) throw new Error(`no example payload for ${event}.${action}`);
  const payload = structuredClone(chosen);
  payload.installation ??= {
    id: DEFAULT_INSTALLATION_ID,
    node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==",
  };
  return payload;
}

/** Sets each dotted path (`pull_request.merged`) in a copy of `payload`. */
export function edit(payload: Payload, changes: Record<string, unknown>): Payload {
  const copy = structuredClone(payload);
  for (const [dotted, value] of Object.entries(changes)) {
    const keys = dotted.split(".");
    const last = keys.pop() as string;
    let target: Payload = copy;
    for (const key of keys) {
      target[key] ??= {};
      target = target[key] as Payload;
    }
    target[last] = value;
  }
  return copy;
}

export interface Delivery {
  name: string;
  payload: Payload;
}

interface ScenarioFile {
  description: string;
  deliveries: { event: string; from: string; set: Record<string, unknown> }[];
}

/** A scenario of fixtures/webhooks: real examples (`event`.`from`) with the edits it lists. */
export function scenario(name: string): Delivery[] {
  const file = path.join(process.cwd(), "fixtures", "webhooks", `${name}.json`);
  const parsed: ScenarioFile = JSON.parse(readFileSync(file, "utf8"));
  return parsed.deliveries.map((delivery) => ({
    name: delivery.event,
    payload: edit(example(delivery.event, delivery.from), delivery.set),
  }));
}
