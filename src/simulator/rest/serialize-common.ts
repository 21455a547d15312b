import type { SimulatedOrg } from "../generate-org.js";
import { iso, nodeId } from "../ids.js";
import type { Account, RepoModel } from "../model.js";

/** Where the simulator is reached: REST base (`…/api/v3`) and web base (for `html_url`). */
export interface Urls {
  api: string;
  web: string;
}

export function userJson(account: Account, urls: Urls) {
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type === "Bot" ? "BOT" : "U", account.id),
    avatar_url: `${urls.web}/avatars/u/${account.id}`,
    gravatar_id: "",
    url: `${urls.api}/users/${encodeURIComponent(account.login)}`,
    html_url: `${urls.web}/${account.type === "Bot" ? "apps/" + (account.graphqlLogin ?? account.login.replace("[bot]", "")) : account.login}`,
    type: account.type,
    site_admin: false,
  };
}

export function orgJson(org: SimulatedOrg, urls: Urls) {
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("O", org.id),
    avatar_url: `${urls.web}/avatars/u/${org.id}`,
    url: `${urls.api}/users/${org.login}`,
    html_url: `${urls.web}/${org.login}`,
    type: "Organization",
    site_admin: false,
  };
}

export function repoJson(org: SimulatedOrg, repo: RepoModel, urls: Urls) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: repo.id,
    node_id: nodeId("R", repo.name),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: orgJson(org, urls),
    html_url: `${urls.web}/${repo.fullName}`,
    description: repo.description,
    fork: false,
    url: api,
    pulls_url: `${api}/pulls{/number}`,
    deployments_url: `${api}/deployments`,
    created_at: iso(repo.createdAt),
    updated_at: iso(org.world.now),
    pushed_at: iso(org.world.now),
    language: repo.language,
    default_branch: repo.defaultBranch,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
  };
}

export function labelJson(name: string, repo: RepoModel, urls: Urls) {
  return {
    id: Buffer.from(name).reduce((hash, byte) => (hash * 31 + byte) % 1_000_000_007, repo.id),
    node_id: nodeId("LA", repo.name, name),
    url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(name)}`,
    name,
    color: "ededed",
    default: name === "bug" || name === "enhancement" || name === "documentation",
    description: null,
  };
}
