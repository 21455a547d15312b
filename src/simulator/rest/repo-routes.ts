import type { CheckRunModel } from "../model.js";
import { json, notFound } from "../responses.js";
import { findRepo } from "./lookup.js";
import { paginate, paginateWrapped } from "./paginate.js";
import { route, type RestContext, type Route } from "./router.js";
import { repoJson } from "./serialize-common.js";
import { checkRunJson, deploymentJson, deploymentStatusJson } from "./serialize-repo.js";

const REPO = "/repos/:owner/:repo";

function contents(ctx: RestContext) {
  const repo = findRepo(ctx);
  if (!repo || ctx.params.path !== ".github/mergelens.yml" || repo.config === null) return notFound();
  const file = `${ctx.sim.urls.web}/${repo.fullName}/blob/${repo.defaultBranch}/${ctx.params.path}`;
  // Probot's config API asks for the raw media type and gets the file itself; GitHub names the charset,
  // without which Octokit hands back bytes instead of text.
  if (ctx.accept.includes("raw")) {
    return {
      status: 200,
      text: repo.config,
      headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
    };
  }
  return json(200, {
    type: "file",
    encoding: "base64",
    size: repo.config.length,
    name: "mergelens.yml",
    path: ctx.params.path,
    content: Buffer.from(repo.config).toString("base64"),
    sha: Buffer.from(repo.config).toString("hex").slice(0, 40).padEnd(40, "0"),
    url: `${ctx.sim.urls.api}/repos/${repo.fullName}/contents/${ctx.params.path}`,
    html_url: file,
  });
}

/** GitHub's `filter=latest` (the default) keeps only the newest run of each name: re-runs hide earlier ones. */
function latestOnly(runs: CheckRunModel[]): CheckRunModel[] {
  const newest = new Map<string, CheckRunModel>();
  for (const run of runs)
    if ((newest.get(run.name)?.startedAt ?? -1) <= run.startedAt) newest.set(run.name, run);
  return runs.filter((run) => newest.get(run.name) === run);
}

function checkRuns(ctx: RestContext) {
  const repo = findRepo(ctx);
  if (!repo) return notFound();
  const pull = ctx.sim.org.pullByHeadSha(repo.name, ctx.params.ref ?? "");
  let runs = pull ? ctx.sim.org.detailsOf(pull).checkRuns() : [];
  if (ctx.query.get("filter") !== "all") runs = latestOnly(runs);
  const name = ctx.query.get("check_name");
  const status = ctx.query.get("status");
  runs = runs.filter((run) => (!name || run.name === name) && (!status || run.status === status));
  const owner = pull ?? { number: 0, id: 0 };
  return paginateWrapped(ctx, runs, "check_runs", (run) => checkRunJson(repo, ctx.sim.urls, run, owner));
}

function deployments(ctx: RestContext) {
  const repo = findRepo(ctx);
  if (!repo) return notFound();
  const q = (name: string) => ctx.query.get(name);
  const list = ctx.sim.org
    .deployments(repo.name)
    .filter((d) => (!q("sha") || d.sha === q("sha")) && (!q("ref") || d.ref === q("ref")))
    .filter(
      (d) =>
        (!q("environment") || d.environment === q("environment")) && (!q("task") || q("task") === "deploy"),
    );
  return paginate(ctx, list, (deployment) => deploymentJson(repo, ctx.sim.urls, deployment));
}

function findDeployment(ctx: RestContext) {
  const repo = findRepo(ctx);
  const deployment = repo && ctx.sim.org.deployments(repo.name).find((d) => d.id === Number(ctx.params.id));
  return repo && deployment ? { repo, deployment } : undefined;
}

function rateLimit(ctx: RestContext) {
  const who =
    ctx.credential.kind === "installation" ? `installation:${ctx.credential.installationId}` : "app";
  const show = (resource: "core" | "graphql") => {
    const bucket = ctx.sim.limiter.bucket(who, resource);
    const remaining = Math.max(0, bucket.limit - bucket.used);
    return {
      limit: bucket.limit,
      used: bucket.used,
      remaining,
      reset: Math.ceil(bucket.resetAt / 1000),
      resource,
    };
  };
  const core = show("core");
  return json(200, { resources: { core, graphql: show("graphql") }, rate: core });
}

export const repoRoutes: Route[] = [
  route("GET", "/installation/repositories", "installation", (ctx) =>
    paginateWrapped(
      ctx,
      ctx.sim.org.repos,
      "repositories",
      (repo) => repoJson(ctx.sim.org, repo, ctx.sim.urls),
      {
        repository_selection: "all",
      },
    ),
  ),
  route("GET", REPO, "installation", (ctx) => {
    const repo = findRepo(ctx);
    return repo ? json(200, repoJson(ctx.sim.org, repo, ctx.sim.urls)) : notFound();
  }),
  route("GET", `${REPO}/contents/*path`, "installation", contents),
  route("GET", `${REPO}/commits/:ref/check-runs`, "installation", checkRuns),
  route("GET", `${REPO}/deployments`, "installation", deployments),
  route("GET", `${REPO}/deployments/:id`, "installation", (ctx) => {
    const found = findDeployment(ctx);
    return found ? json(200, deploymentJson(found.repo, ctx.sim.urls, found.deployment)) : notFound();
  }),
  route("GET", `${REPO}/deployments/:id/statuses`, "installation", (ctx) => {
    const found = findDeployment(ctx);
    if (!found) return notFound();
    const newestFirst = [...found.deployment.statuses].reverse();
    return paginate(ctx, newestFirst, (status) =>
      deploymentStatusJson(found.repo, ctx.sim.urls, found.deployment, status),
    );
  }),
  route("GET", "/rate_limit", "any", rateLimit),
];
