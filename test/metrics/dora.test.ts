import { computeDora, prKey, type DoraInput } from "../../src/metrics/dora.js";
import { DEFAULT_PRODUCTION_ENVIRONMENT } from "../../src/metrics/repo-config.js";
import { at, deployment } from "./fixtures.js";

const since = at("2026-03-02T00:00:00Z");
const until = at("2026-03-16T00:00:00Z"); // 14 days = 2 weeks

const pr = (repoId: number, number: number, createdAt: string, mergedAt: string | null) => ({
  repoId,
  number,
  createdAt: at(createdAt),
  mergedAt: mergedAt === null ? null : at(mergedAt),
});

const deployments = [
  deployment("2026-03-01T12:00:00Z", "success"), // before since: not counted, but could end a lead time
  deployment("2026-03-02T12:00:00Z", "success"), // d1
  deployment("2026-03-04T12:00:00Z", "failure"), // d2
  deployment("2026-03-05T18:00:00Z", "success"), // d3 restores d2
  deployment("2026-03-09T09:00:00Z", "error"), // d4
  deployment("2026-03-09T10:00:00Z", "in_progress"), // d5: never final
  deployment("2026-03-10T09:00:00Z", "success"), // d6 restores d4
  deployment("2026-03-12T09:00:00Z", "success", { environment: "staging" }), // not production
  deployment("2026-03-11T09:00:00Z", "success", { repoId: 20 }), // d8, another repository
  deployment("2026-03-14T09:00:00Z", "failure", { repoId: 20 }), // d11: never restored
  deployment("2026-03-17T12:00:00Z", "success"), // after until: ends a lead time only
];

const input = (overrides: Partial<DoraInput> = {}): DoraInput => ({
  prs: [
    pr(10, 1, "2026-03-02T08:00:00Z", "2026-03-03T10:00:00Z"), // deployed by d3
    pr(10, 2, "2026-03-09T08:00:00Z", "2026-03-09T09:30:00Z"), // no commits known: starts at createdAt; d6
    pr(10, 3, "2026-03-14T08:00:00Z", "2026-03-15T08:00:00Z"), // deployed 03-17 after until
    pr(20, 1, "2026-03-11T08:00:00Z", "2026-03-12T08:00:00Z"), // repo 20 never deploys again: excluded
    pr(10, 5, "2026-02-27T08:00:00Z", "2026-03-01T08:00:00Z"), // merged before since
    pr(10, 6, "2026-03-02T07:00:00Z", "2026-03-02T12:00:00Z"), // merged at d1's creation: d1 counts
    pr(10, 7, "2026-03-03T08:00:00Z", null), // open
  ],
  commitsByPr: new Map([
    [prKey(10, 1), at("2026-03-01T10:00:00Z")],
    [prKey(10, 2), null],
    [prKey(10, 3), at("2026-03-14T12:00:00Z")],
    [prKey(20, 1), at("2026-03-10T08:00:00Z")],
    [prKey(10, 6), at("2026-03-02T06:00:00Z")],
  ]),
  deployments,
  since,
  until,
  productionPattern: DEFAULT_PRODUCTION_ENVIRONMENT,
  ...overrides,
});

describe("computeDora", () => {
  it("computes each delivery figure", () => {
    expect(computeDora(input())).toEqual({
      since,
      until,
      deploymentsCount: 8, // production, created in range: d1 d2 d3 d4 d5 d6 d8 d11
      deploymentFrequencyPerWeek: 2, // successful: d1 d3 d6 d8 = 4, over 2 weeks
      // lead times: #1 d3 03-05 18:00 − commit 03-01 10:00 = 104; #2 d6 03-10 09:00 − created 03-09 08:00 = 25;
      // #3 03-17 12:00 − 03-14 12:00 = 72; #6 d1 12:00 − 06:00 = 6. [6, 25, 72, 104] → rank 1.5 → 25 + 47 / 2
      leadTimeForChangesHours: 48.5,
      changeFailureRate: 0.4286, // d2 d4 d11 failed of 7 final (d5 never finished): 3 / 7 = 0.428571…
      // d2 → d3: 03-05 18:00 − 03-04 12:00 = 30; d4 → d6 (d5 is not a success): 24; d11 never restored
      timeToRestoreHours: 27, // median [24, 30]
    });
  });

  it("reads another production environment name when the repository sets one", () => {
    const result = computeDora(
      input({
        deployments: [deployment("2026-03-03T00:00:00Z", "success", { environment: "live" })],
        productionPattern: "^live$",
      }),
    );
    expect(result).toMatchObject({ deploymentsCount: 1, deploymentFrequencyPerWeek: 0.5 }); // 1 / 2 weeks
  });

  it("rounds the frequency to 2 decimals", () => {
    const threeWeeks = { since, until: at("2026-03-23T00:00:00Z") };
    const result = computeDora(
      input({ ...threeWeeks, deployments: [deployment("2026-03-03T00:00:00Z", "success")] }),
    );
    expect(result.deploymentFrequencyPerWeek).toBe(0.33); // 1 / 3
  });

  it("counts a lead time that would be negative as 0", () => {
    const result = computeDora(
      input({
        prs: [pr(10, 1, "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z")],
        commitsByPr: new Map([[prKey(10, 1), at("2026-03-02T13:00:00Z")]]), // a commit clock ahead of d1
      }),
    );
    expect(result.leadTimeForChangesHours).toBe(0); // d1 12:00 − 13:00 = −1 → 0
  });

  it("restores only with a later deployment, ordered by creation then id", () => {
    const failed = deployment("2026-03-03T10:00:00Z", "failure", { deploymentId: 50 });
    const sameInstantEarlierId = deployment("2026-03-03T10:00:00Z", "success", { deploymentId: 49 });
    const sameInstantLaterId = deployment("2026-03-03T10:00:00Z", "success", { deploymentId: 51 });
    expect(computeDora(input({ deployments: [failed, sameInstantEarlierId] })).timeToRestoreHours).toBeNull();
    expect(computeDora(input({ deployments: [failed, sameInstantLaterId] })).timeToRestoreHours).toBe(0);
  });

  it("gives real zeros and nulls with no deployments", () => {
    expect(computeDora(input({ deployments: [] }))).toEqual({
      since,
      until,
      deploymentsCount: 0,
      deploymentFrequencyPerWeek: 0, // 0 successes over 2 weeks
      leadTimeForChangesHours: null, // no PR was deployed
      changeFailureRate: null, // nothing reached a final status
      timeToRestoreHours: null,
    });
  });

  it("has no frequency over an empty range", () => {
    expect(computeDora(input({ until: since })).deploymentFrequencyPerWeek).toBeNull();
  });
});
