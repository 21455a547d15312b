/**
 * A thing that does not exist for the caller. Deliberately says nothing about other installations:
 * a repository of another installation is reported exactly like one that does not exist.
 */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}
