/** An error GitHub reports with a `type` (NOT_FOUND, EXCESSIVE_PAGINATION, …) beside its message. */
export class GitHubGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
