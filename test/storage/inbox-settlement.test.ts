import { Binary } from "mongodb";
import type { InboxBatch } from "../../src/storage/models/inbox-batch.js";
import { appliedWhole, settleBatch, type DeliveryOutcome } from "../../src/storage/inbox/settlement.js";

const now = new Date("2026-06-01T12:00:00Z");
const policy = { maxAttempts: 3, backoffMs: (attempts: number) => attempts * 1_000 };
const later = (ms: number) => new Date(now.getTime() + ms);

function batch(ids: string[], progress?: InboxBatch["progress"]): InboxBatch {
  return {
    _id: "b-1",
    installationId: 1,
    receivedAt: now,
    size: ids.length,
    state: "pending",
    availableAt: now,
    claim: "c",
    appliedAt: null,
    deliveries: ids.map((id) => ({
      id,
      event: "pull_request",
      action: "edited",
      payload: new Binary(),
      receivedAt: now,
    })),
    ...(progress ? { progress } : {}),
  };
}
const outcomes = (entries: Record<string, DeliveryOutcome>) => new Map(Object.entries(entries));
const applied: DeliveryOutcome = { kind: "applied" };

describe("settling a claimed batch", () => {
  it("records nothing per delivery when the whole batch applied", () => {
    const whole = batch(["a", "b"]);
    expect(appliedWhole(whole, outcomes({ a: applied, b: applied }))).toBe(true);
    expect(appliedWhole(whole, outcomes({ a: applied }))).toBe(false);
    expect(settleBatch(whole, outcomes({ a: applied, b: applied }), policy, now)).toEqual({
      state: "applied",
      availableAt: now,
      appliedAt: now,
      progress: {},
    });
  });

  it("keeps a batch pending until its failed delivery's backoff, the rest marked done", () => {
    const settled = settleBatch(
      batch(["a", "b"]),
      outcomes({ a: applied, b: { kind: "failed", error: "500" } }),
      policy,
      now,
    );
    expect(settled).toEqual({
      state: "pending",
      availableAt: later(1_000),
      appliedAt: null,
      progress: {
        "0": { attempts: 0, lastError: null, retryAt: null, done: true, setAside: false },
        "1": { attempts: 1, lastError: "500", retryAt: later(1_000), done: false, setAside: false },
      },
    });
  });

  it("sets a delivery aside after its last attempt, or at once when it can never apply", () => {
    const tried = batch(["a", "b"], {
      "1": { attempts: 2, lastError: "500", retryAt: now, done: false, setAside: false },
    });
    const last = settleBatch(
      tried,
      outcomes({ a: applied, b: { kind: "failed", error: "500" } }),
      policy,
      now,
    );
    expect(last).toMatchObject({
      state: "failed",
      appliedAt: null,
      progress: { "1": { attempts: 3, setAside: true } },
    });
    const invalid = settleBatch(
      batch(["a"]),
      outcomes({ a: { kind: "failed", error: "bad", final: true } }),
      policy,
      now,
    );
    expect(invalid).toMatchObject({ state: "failed", progress: { "0": { attempts: 1, setAside: true } } });
  });

  it("leaves a delivery still backing off, and one not tried, to a later claim", () => {
    const waiting = batch(["a", "b", "c"], {
      "1": { attempts: 1, lastError: "500", retryAt: later(5_000), done: false, setAside: false },
    });
    // b is not due: an outcome for it (there should be none) changes nothing; c was not tried.
    const settled = settleBatch(waiting, outcomes({ a: applied, b: applied }), policy, now);
    expect(settled.state).toBe("pending");
    expect(settled.availableAt).toEqual(now);
    expect(Object.keys(settled.progress)).toEqual(["0"]);
  });
});
