import { json, notFound } from "../responses.js";
import type { PullModel } from "../model.js";
import { findPull, findRepo } from "./lookup.js";
import { paginate } from "./paginate.js";
import { route, type RestContext, type Route } from "./router.js";
import {
  commitJson,
  fileJson,
  issueCommentJson,
  pullJson,
  reviewCommentJson,
  reviewJson,
  type PullScope,
} from "./serialize-pull.js";
import { timelineJson } from "./serialize-repo.js";

/** GitHub stops a PR's commit list at 250 and its file list at 3,000, however many there are. */
export const COMMITS_CAP = 250;
export const FILES_CAP = 3000;

const PULL = "/repos/:owner/:repo/pulls/:number";
const ISSUE = "/repos/:owner/:repo/issues/:number";

function listPulls(ctx: RestContext) {
  const repo = findRepo(ctx);
  if (!repo) return notFound();
  const state = ctx.query.get("state") ?? "open";
  const sort = ctx.query.get("sort") ?? "created";
  // GitHub's default direction is desc for `created`, asc for every other sort.
  const direction = ctx.query.get("direction") ?? (sort === "created" ? "desc" : "asc");
  const [headOwner, headRef] = (ctx.query.get("head") ?? "").split(":");
  const base = ctx.query.get("base");
  const key = (pull: PullModel) => (sort === "updated" ? pull.updatedAt : pull.createdAt);
  const pulls = ctx.sim.org
    .pulls(repo.name)
    .filter((pull) => state === "all" || (state === "open") === (pull.closedAt === null))
    .filter((pull) => !headRef || (headOwner === ctx.sim.org.login && pull.headRef === headRef))
    .filter((pull) => !base || pull.baseRef === base)
    .sort((a, b) => (key(a) - key(b) || a.number - b.number) * (direction === "asc" ? 1 : -1));
  const scope: PullScope = { org: ctx.sim.org, repo, urls: ctx.sim.urls };
  return paginate(ctx, pulls, (pull) => pullJson(scope, pull, false));
}

/** A handler for one of a PR's lists. */
function pullList(
  make: (ctx: RestContext, scope: PullScope, pull: PullModel) => ReturnType<typeof paginate>,
) {
  return (ctx: RestContext) => {
    const found = findPull(ctx);
    if (!found) return notFound();
    return make(ctx, { org: ctx.sim.org, repo: found.repo, urls: ctx.sim.urls }, found.pull);
  };
}

export const pullRoutes: Route[] = [
  route("GET", "/repos/:owner/:repo/pulls", "installation", listPulls),
  route(
    "GET",
    PULL,
    "installation",
    pullList((_ctx, scope, pull) => json(200, pullJson(scope, pull, true))),
  ),
  route(
    "GET",
    `${PULL}/commits`,
    "installation",
    pullList((ctx, scope, pull) => {
      const commits = ctx.sim.org.detailsOf(pull).commits().slice(0, COMMITS_CAP);
      return paginate(ctx, commits, (commit) => commitJson(scope, commit));
    }),
  ),
  route(
    "GET",
    `${PULL}/files`,
    "installation",
    pullList((ctx, scope, pull) => {
      const files = ctx.sim.org.detailsOf(pull).files().slice(0, FILES_CAP);
      return paginate(ctx, files, (file) => fileJson(scope, file, pull.headSha));
    }),
  ),
  route(
    "GET",
    `${PULL}/reviews`,
    "installation",
    pullList((ctx, scope, pull) =>
      paginate(ctx, ctx.sim.org.detailsOf(pull).reviews(), (review) => reviewJson(scope, pull, review)),
    ),
  ),
  route(
    "GET",
    `${PULL}/comments`,
    "installation",
    pullList((ctx, scope, pull) =>
      paginate(ctx, ctx.sim.org.detailsOf(pull).reviewComments(), (comment) =>
        reviewCommentJson(scope, pull, comment),
      ),
    ),
  ),
  route(
    "GET",
    `${ISSUE}/comments`,
    "installation",
    pullList((ctx, scope, pull) =>
      paginate(ctx, ctx.sim.org.detailsOf(pull).issueComments(), (comment) =>
        issueCommentJson(scope, pull, comment),
      ),
    ),
  ),
  route(
    "GET",
    `${ISSUE}/timeline`,
    "installation",
    pullList((ctx, scope, pull) =>
      paginate(ctx, ctx.sim.org.detailsOf(pull).timeline(), (event) =>
        timelineJson(scope.repo, scope.urls, pull.number, event),
      ),
    ),
  ),
];
