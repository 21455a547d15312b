/** Arithmetic shared by the measurements: per-100-PR rates, ratios and the targets they are held to. */

/** What one side of a comparison cost on the simulator. */
export interface ApiCost {
  restRequests: number;
  graphqlRequests: number;
  graphqlPoints: number;
}

/**
 * Request-equivalents: what a sync spends of GitHub's hourly budgets, where one REST request costs one of
 * the 5,000 core requests and one GraphQL point one of the 5,000 GraphQL points.
 */
export const requestEquivalents = (cost: ApiCost): number => cost.restRequests + cost.graphqlPoints;

export const totalRequests = (cost: ApiCost): number => cost.restRequests + cost.graphqlRequests;

export const per100 = (value: number, prs: number): number => (prs === 0 ? 0 : (value * 100) / prs);

/** `numerator / denominator`, or null when the denominator is 0 (a ratio that means nothing). */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** A target a figure is held to; `null` figures (not measured) never pass. */
export type Target = { kind: "atLeast"; value: number } | { kind: "atMost"; value: number };

export const meets = (value: number | null, target: Target): boolean =>
  value !== null && (target.kind === "atLeast" ? value >= target.value : value <= target.value);

export const describeTarget = (target: Target, unit = ""): string =>
  `${target.kind === "atLeast" ? "≥" : "≤"} ${target.value}${unit}`;

export const mebibytes = (bytes: number): number => bytes / 1024 / 1024;
