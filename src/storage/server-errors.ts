/** The MongoDB error codes the storage layer answers itself. */
export const SERVER_CODES = {
  indexNotFound: 27,
  namespaceExists: 48,
  indexOptionsConflict: 85,
  indexKeySpecsConflict: 86,
  duplicateKey: 11000,
} as const;

export function hasServerCode(error: unknown, ...codes: number[]): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "number" && codes.includes(code);
}

/** A `catch` for an outcome that is there already when the server says so with one of `codes`. */
export const unlessServerCode =
  (...codes: number[]) =>
  (error: unknown): void => {
    if (!hasServerCode(error, ...codes)) throw error;
  };
