import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";

/** A webhook payload as plain JSON. */
export type Payload = Record<string, unknown>;

const require = createRequire(import.meta.url);
const definitionsSchema = z.array(
  z.looseObject({ name: z.string(), examples: z.array(z.record(z.string(), z.unknown())) }),
);

let definitions: z.output<typeof definitionsSchema> | undefined;

/**
 * A deep copy of GitHub's real example payload for `event`.`action` from @octokit/webhooks-examples,
 * preferring one captured from an App (with `installation`), as an App receives it.
 */
export function examplePayload(event: string, action: string): Payload {
  definitions ??= definitionsSchema.parse(
    JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8")),
  );
  const matching = (definitions.find((group) => group.name === event)?.examples ?? []).filter(
    (payload) => payload.action === action,
  );
  const chosen = matching.find((payload) => payload.installation) ?? matching[0];
  if (!chosen) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} payload`);
  return structuredClone(chosen);
}

/** The object under `key` of an example payload (every one used here has it). */
export function exampleObject(payload: Payload, key: string): Payload {
  const value = payload[key];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`the example payload has no object ${key}`);
  }
  return value as Payload;
}
