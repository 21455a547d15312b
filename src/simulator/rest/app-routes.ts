import type { SimulatedOrg } from "../generate-org.js";
import type { HookDelivery } from "../hook-deliveries.js";
import { decodeCursor, encodeCursor, iso } from "../ids.js";
import { json, notFound } from "../responses.js";
import { route, type RestContext, type Route } from "./router.js";
import { orgJson, type Urls } from "./serialize-common.js";

/** The app's own endpoints (JWT auth): installations, their tokens, and webhook deliveries. */

const PERMISSIONS = {
  metadata: "read",
  pull_requests: "read",
  contents: "read",
  checks: "read",
  deployments: "read",
  issues: "read",
  actions: "read",
};
const EVENTS = ["pull_request", "pull_request_review", "check_run", "deployment_status", "push"];

function installationJson(ctx: RestContext, org: SimulatedOrg, urls: Urls) {
  return {
    id: org.installationId,
    account: orgJson(org, urls),
    repository_selection: "all",
    access_tokens_url: `${urls.api}/app/installations/${org.installationId}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/organizations/${org.login}/settings/installations/${org.installationId}`,
    app_id: ctx.sim.appId,
    app_slug: "mergelens",
    target_id: org.id,
    target_type: "Organization",
    permissions: PERMISSIONS,
    events: EVENTS,
    created_at: iso(org.world.now - 400 * 86_400_000),
    updated_at: iso(org.world.now),
    single_file_name: null,
    suspended_at: null,
    suspended_by: null,
  };
}

function deliveryJson(delivery: HookDelivery) {
  return {
    id: delivery.id,
    guid: delivery.guid,
    delivered_at: iso(delivery.deliveredAt),
    redelivery: delivery.redelivery,
    duration: delivery.duration,
    status: delivery.status,
    status_code: delivery.statusCode,
    event: delivery.event,
    action: delivery.action,
    installation_id: delivery.installationId,
    repository_id: delivery.repositoryId,
    throttled_at: null,
  };
}

/** Deliveries page by `cursor`, not `page`, and only ever link to the next page. */
function listDeliveries(ctx: RestContext) {
  const all = ctx.sim.deliveries.list();
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page")) || 30));
  const start = decodeCursor(ctx.query.get("cursor") ?? "") ?? 0;
  const headers: Record<string, string> = {};
  if (start + perPage < all.length) {
    const next = new URL(ctx.url);
    next.searchParams.set("cursor", encodeCursor(start + perPage));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return json(200, all.slice(start, start + perPage).map(deliveryJson), headers);
}

const ownInstallation = (ctx: RestContext) => Number(ctx.params.id) === ctx.sim.org.installationId;

export const appRoutes: Route[] = [
  route("GET", "/app", "app", (ctx) =>
    json(200, {
      id: ctx.sim.appId,
      slug: "mergelens",
      node_id: `A_${ctx.sim.appId}`,
      name: "mergelens",
      owner: orgJson(ctx.sim.org, ctx.sim.urls),
      permissions: PERMISSIONS,
      events: EVENTS,
      installations_count: 1,
    }),
  ),
  route("GET", "/app/installations", "app", (ctx) =>
    json(200, [installationJson(ctx, ctx.sim.org, ctx.sim.urls)]),
  ),
  route("GET", "/app/installations/:id", "app", (ctx) =>
    ownInstallation(ctx) ? json(200, installationJson(ctx, ctx.sim.org, ctx.sim.urls)) : notFound(),
  ),
  route("POST", "/app/installations/:id/access_tokens", "app", (ctx) => {
    if (!ownInstallation(ctx)) return notFound();
    const { token, expiresAt } = ctx.sim.tokens.issue(ctx.sim.org.installationId);
    return json(201, {
      token,
      expires_at: iso(expiresAt),
      permissions: PERMISSIONS,
      repository_selection: "all",
    });
  }),
  route("GET", "/app/hook/deliveries", "app", listDeliveries),
  route("GET", "/app/hook/deliveries/:id", "app", (ctx) => {
    const delivery = ctx.sim.deliveries.get(Number(ctx.params.id));
    return delivery ? json(200, deliveryJson(delivery)) : notFound();
  }),
  route("POST", "/app/hook/deliveries/:id/attempts", "app", (ctx) =>
    ctx.sim.deliveries.redeliver(Number(ctx.params.id)) ? json(202, {}) : notFound(),
  ),
];
