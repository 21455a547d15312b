import type { SimulatedOrg } from "../generate-org.js";
import { iso, nodeId } from "../ids.js";
import type { Account } from "../model.js";
import { commitEmail } from "../people.js";
import type { Urls } from "../rest/serialize-common.js";

/** What every GraphQL object builder needs. */
export interface GqlScope {
  org: SimulatedOrg;
  urls: Urls;
}

export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/**
 * An `Actor`: a User, or a Bot whose GraphQL login drops the `[bot]` that REST shows (or is its app
 * slug, as for the Copilot agent, `Copilot` in REST).
 */
export function actorNode(scope: GqlScope, account: Account) {
  const bot = account.type === "Bot";
  const login = account.graphqlLogin ?? (bot ? account.login.replace(/\[bot\]$/, "") : account.login);
  return {
    __typename: bot ? "Bot" : "User",
    id: nodeId(bot ? "BOT" : "U", account.id),
    databaseId: account.id,
    login,
    name: bot ? null : account.name,
    url: `${scope.urls.web}/${bot ? `apps/${login}` : login}`,
    avatarUrl: `${scope.urls.web}/avatars/u/${account.id}`,
  };
}

/** A git author or committer; `user` is null for bots (GitActor.user is a User). */
export function gitActorNode(scope: GqlScope, account: Account, at: number) {
  return {
    name: account.name,
    email: commitEmail(account),
    date: iso(at),
    avatarUrl: `${scope.urls.web}/avatars/u/${account.id}`,
    user: account.type === "User" ? actorNode(scope, account) : null,
  };
}

export function authorAssociation(account: Account): string {
  return account.type === "User" ? "MEMBER" : "NONE";
}

/** GraphQL enum spelling of a REST value: `in_progress` → `IN_PROGRESS`. */
export function enumValue(value: string): string {
  return value.toUpperCase();
}
