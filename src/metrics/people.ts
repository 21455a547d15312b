import type { Actor } from "../records/types.js";

/**
 * Who counts as a person (METRICS.md). Logins compare case-insensitively, as GitHub treats them.
 */

export const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A bot: GitHub type `Bot`, a login ending in `[bot]`, or listed under `bots:` in the repo config. */
export function isBot(actor: Pick<Actor, "login" | "type">, extraBots: readonly string[] = []): boolean {
  if (actor.type === "Bot") return true;
  if (actor.login.toLowerCase().endsWith("[bot]")) return true;
  return extraBots.some((bot) => sameLogin(bot, actor.login));
}

export const isHuman = (actor: Pick<Actor, "login" | "type">, extraBots: readonly string[] = []): boolean =>
  !isBot(actor, extraBots);

/** A reviewer is a human other than the PR's author. */
export function isReviewer(
  actor: Pick<Actor, "login" | "type">,
  prAuthor: Pick<Actor, "login">,
  extraBots: readonly string[] = [],
): boolean {
  return isHuman(actor, extraBots) && !sameLogin(actor.login, prAuthor.login);
}
