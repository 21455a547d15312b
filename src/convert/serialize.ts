/**
 * Runs tasks with the same key one after another in this process. Refreshing a PR reads its records
 * and then writes: two overlapping refreshes (five check runs finishing at once) could otherwise let
 * the one that read first write last, storing metrics that miss a record.
 */
const tails = new Map<string, Promise<unknown>>();

export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  // The last task of a key removes its entry, so the map holds only keys with work in flight.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
