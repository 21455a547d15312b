import type { AccountKey, Actor } from "../records/types.js";

/**
 * One identity per account (METRICS.md, "Who counts as a person"). REST and webhooks spell an app's bot
 * `name[bot]` where GraphQL's `Bot.login` is `name`, and the Copilot coding agent is `Copilot` in REST
 * but its app slug in GraphQL: people are keyed by GitHub's numeric id and shown by their REST login.
 */

/** What any API tells us about an account; `id` and `type` are missing on some stored records. */
export type NamedAccount = Pick<Actor, "login"> & Partial<Pick<Actor, "id" | "type">>;

const BOT_SUFFIX = "[bot]";

/** Accounts whose REST login is not their GraphQL login plus `[bot]`, by GitHub id (STACK.md). */
const REST_SPELLINGS = new Map<number, { login: string; aliases: readonly string[] }>([
  [198982749, { login: "Copilot", aliases: ["copilot-swe-agent", "copilot-swe-agent[bot]"] }],
]);

const isBotLogin = (login: string) => login.toLowerCase().endsWith(BOT_SUFFIX);
const bare = (login: string) => (isBotLogin(login) ? login.slice(0, -BOT_SUFFIX.length) : login);

/**
 * The login REST and webhooks show for the account: what the API and every group display. Only a
 * known account is renamed: a REST login is kept as it is (`Copilot` is a Bot without `[bot]`).
 */
export function restLogin(account: NamedAccount): string {
  const known = account.id == null ? undefined : REST_SPELLINGS.get(account.id);
  return known ? known.login : account.login;
}

/** A GraphQL `Actor` as REST spells it: `[bot]` added to a Bot's login, a known app slug replaced. */
export function restLoginOfGraphqlActor(account: NamedAccount): string {
  const login =
    account.type === "Bot" && !isBotLogin(account.login) ? `${account.login}${BOT_SUFFIX}` : account.login;
  return restLogin({ ...account, login });
}

export function accountKey(account: NamedAccount): AccountKey {
  if (account.id != null) return `id:${account.id}`;
  return `login:${restLogin(account).toLowerCase()}`;
}

/** Whether two records name the same account: by id when both carry one, else by REST login (any case). */
export function sameAccount(a: NamedAccount, b: NamedAccount): boolean {
  if (a.id != null && b.id != null) return a.id === b.id;
  return restLogin(a).toLowerCase() === restLogin(b).toLowerCase();
}

/** Every spelling the account goes by, in lower case: a bot with and without `[bot]`, known aliases. */
export function accountSpellings(account: NamedAccount): Set<string> {
  const names = [account.login, restLogin(account)];
  const known = account.id == null ? undefined : REST_SPELLINGS.get(account.id);
  if (known) names.push(...known.aliases);
  const bot = account.type === "Bot" || names.some(isBotLogin);
  const spellings = bot ? names.flatMap((name) => [bare(name), `${bare(name)}${BOT_SUFFIX}`]) : names;
  return new Set(spellings.map((name) => name.toLowerCase()));
}

/** Whether a list of logins (`bots:`, AI agents) names the account in any of its spellings. */
export function listsAccount(logins: readonly string[], account: NamedAccount): boolean {
  if (logins.length === 0) return false;
  const spellings = accountSpellings(account);
  return logins.some((login) => spellings.has(login.toLowerCase()));
}
