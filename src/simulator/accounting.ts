/** What a client cost: requests per API and route, and GraphQL points by GitHub's formula. */
export interface SimulatorStats {
  restRequests: number;
  graphqlRequests: number;
  /** Sum of the `rateLimit.cost` of every GraphQL query that ran. */
  graphqlPoints: number;
  /** Requests per route, e.g. `GET /repos/:owner/:repo/pulls` or `POST /graphql`. */
  byRoute: Record<string, number>;
}

export class Accounting {
  private stats: SimulatorStats = Accounting.empty();

  private static empty(): SimulatorStats {
    return { restRequests: 0, graphqlRequests: 0, graphqlPoints: 0, byRoute: {} };
  }

  request(api: "rest" | "graphql", route: string): void {
    if (api === "rest") this.stats.restRequests += 1;
    else this.stats.graphqlRequests += 1;
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
  }

  points(cost: number): void {
    this.stats.graphqlPoints += cost;
  }

  snapshot(): SimulatorStats {
    return { ...this.stats, byRoute: { ...this.stats.byRoute } };
  }

  reset(): void {
    this.stats = Accounting.empty();
  }
}
