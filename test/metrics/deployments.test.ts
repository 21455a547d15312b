import { finalStatus, productionDeployments } from "../../src/metrics/deployments.js";
import { DEFAULT_PRODUCTION_ENVIRONMENT } from "../../src/metrics/repo-config.js";
import { at, deployment } from "./fixtures.js";

const status = (statusId: number, state: string, createdAt: string) => ({
  statusId,
  state,
  createdAt: at(`2026-03-02T${createdAt}Z`),
});

describe("finalStatus", () => {
  it("is the latest of success, failure and error, ignoring in-flight and inactive statuses", () => {
    const statuses = [
      status(1, "queued", "10:00:00"),
      status(2, "success", "10:05:00"),
      status(3, "inactive", "11:00:00"),
    ];
    expect(finalStatus({ statuses })).toBe("success");
  });

  it("takes the latest by time whatever the order stored, then the highest status id", () => {
    expect(
      finalStatus({ statuses: [status(2, "failure", "10:10:00"), status(1, "success", "10:05:00")] }),
    ).toBe("failure");
    expect(
      finalStatus({ statuses: [status(8, "error", "10:05:00"), status(7, "success", "10:05:00")] }),
    ).toBe("error");
  });

  it("is null until a final status arrives", () => {
    expect(finalStatus({ statuses: [] })).toBeNull();
    expect(
      finalStatus({ statuses: [status(1, "pending", "10:00:00"), status(2, "in_progress", "10:01:00")] }),
    ).toBeNull();
  });
});

describe("productionDeployments", () => {
  it("keeps environments matching ^prod(uction)?$ in any case, in order of creation", () => {
    const environments = [
      "staging",
      "Production",
      "prod",
      "PROD",
      "production-eu",
      "preprod",
      "prods",
      "production",
    ];
    const deployments = environments.map((environment, index) =>
      deployment(`2026-03-0${9 - index}T10:00:00Z`, "success", { environment }),
    );
    expect(
      productionDeployments(deployments, DEFAULT_PRODUCTION_ENVIRONMENT).map((found) => found.environment),
    ).toEqual(["production", "PROD", "prod", "Production"]); // created 03-02, 03-06, 03-07, 03-08
  });

  it("uses the repository's pattern when set", () => {
    const deployments = [deployment("2026-03-02T10:00:00Z", "success", { environment: "live" })];
    expect(productionDeployments(deployments, "^(live|prod)$")).toHaveLength(1);
    expect(productionDeployments(deployments, DEFAULT_PRODUCTION_ENVIRONMENT)).toHaveLength(0);
  });

  it("applies a catastrophic pattern on the linear-time engine, with a correct result", () => {
    const deployments = ["a".repeat(5_000), `${"a".repeat(5_000)}!`].map((environment) =>
      deployment("2026-03-02T10:00:00Z", "success", { environment }),
    );
    expect(productionDeployments(deployments, "^(a+)+$").map((found) => found.environment)).toEqual([
      "a".repeat(5_000),
    ]);
  });
});
