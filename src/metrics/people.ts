import { listsAccount, sameAccount, type NamedAccount } from "./accounts.js";

/**
 * Who counts as a person (METRICS.md). Logins compare case-insensitively, as GitHub treats them, and
 * lists match an account under any of its spellings (see accounts.ts).
 */

/** A bot: GitHub type `Bot`, a login ending in `[bot]`, or listed under `bots:` in the repo config. */
export function isBot(actor: NamedAccount, extraBots: readonly string[] = []): boolean {
  if (actor.type === "Bot") return true;
  if (actor.login.toLowerCase().endsWith("[bot]")) return true;
  return listsAccount(extraBots, actor);
}

export const isHuman = (actor: NamedAccount, extraBots: readonly string[] = []): boolean =>
  !isBot(actor, extraBots);

/** A reviewer is a human other than the PR's author (the same account, however an API spelled it). */
export function isReviewer(
  actor: NamedAccount,
  prAuthor: NamedAccount,
  extraBots: readonly string[] = [],
): boolean {
  return isHuman(actor, extraBots) && !sameAccount(actor, prAuthor);
}
