import { TransientError } from "./errors.js";

export interface ShrinkOptions {
  initial: number;
  /** Below this a page is not worth shrinking further: the error goes to the job (and its retry policy). */
  min?: number;
}

/**
 * GitHub kills a GraphQL query after 10 s and answers 502/504 or "Something went wrong … timeout"; a big
 * page of pull requests with their nested lists is the usual cause. Halves the page size and tries again,
 * down to `min`, then rethrows the TransientError. Other errors pass through at once. Returns the size that
 * worked so the next page starts there.
 */
export async function withShrinkingPageSize<T>(
  fetchPage: (pageSize: number) => Promise<T>,
  { initial, min = 5 }: ShrinkOptions,
): Promise<{ value: T; pageSize: number }> {
  let pageSize = initial;
  for (;;) {
    try {
      return { value: await fetchPage(pageSize), pageSize };
    } catch (error) {
      if (!(error instanceof TransientError && error.shrinkable) || pageSize <= min) throw error;
      pageSize = Math.max(min, Math.floor(pageSize / 2));
    }
  }
}
