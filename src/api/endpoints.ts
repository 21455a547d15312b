import { toCsv } from "../query/csv.js";
import { getDora } from "../query/dora.js";
import { getInboxStatus } from "../query/inbox-status.js";
import { GROUP_COLUMNS, getMetrics } from "../query/metrics.js";
import {
  doraParams,
  metricsParams,
  noParams,
  pullPathParams,
  pullsParams,
  syncParams,
  waitingPullsParams,
} from "../query/params.js";
import { PULL_REQUEST_COLUMNS } from "../query/pull-request-view.js";
import { getPullRequest, listPullRequests } from "../query/pull-requests.js";
import { SYNC_STATUS_COLUMNS, getSyncStatus } from "../query/sync-status.js";
import { listWaitingPulls } from "../query/waiting-pulls.js";
import type { Store } from "../storage/store.js";

/**
 * The `/api/v1` endpoints: each parses its parameters with its own schema (throwing the ZodError the
 * handler turns into a 400) and calls the read functions the CLI shares.
 */
export interface EndpointRequest {
  store: Store;
  installationId: number;
  query: Record<string, string>;
  /** Decoded path captures, e.g. owner, repo and number of a single PR. */
  path: string[];
  now: () => Date;
}

export type EndpointReply =
  { kind: "json"; body: unknown } | { kind: "csv"; body: string; headers?: Record<string, string> };

export type Endpoint = (request: EndpointRequest) => Promise<EndpointReply>;

const json = (body: unknown): EndpointReply => ({ kind: "json", body });

export const listPulls: Endpoint = async ({ store, installationId, query }) => {
  const { format, ...params } = pullsParams.parse(query);
  const page = await listPullRequests(store, installationId, params);
  if (format === "json") return json(page);
  // A CSV body has no room for the cursor, so the next page's cursor travels in a header.
  const headers: Record<string, string> = page.nextCursor ? { "x-next-cursor": page.nextCursor } : {};
  return { kind: "csv", body: toCsv(page.items, PULL_REQUEST_COLUMNS), headers };
};

/** The open PRs waiting longest; in CSV the two counts travel in headers, beside the list. */
export const waitingPulls: Endpoint = async ({ store, installationId, query }) => {
  const { format, ...params } = waitingPullsParams.parse(query);
  const waiting = await listWaitingPulls(store, installationId, params);
  if (format === "json") return json(waiting);
  const headers = { "x-open-count": String(waiting.open), "x-drafts-count": String(waiting.drafts) };
  return { kind: "csv", body: toCsv(waiting.items, PULL_REQUEST_COLUMNS), headers };
};

export const showPull: Endpoint = async ({ store, installationId, query, path }) => {
  noParams.parse(query);
  const [owner, repo, number] = path;
  const params = pullPathParams.parse({ repo: `${owner}/${repo}`, number });
  return json(await getPullRequest(store, installationId, params.repo, params.number));
};

export const metrics: Endpoint = async ({ store, installationId, query, now }) => {
  const { format, ...params } = metricsParams(now).parse(query);
  const result = await getMetrics(store, installationId, params);
  return format === "json" ? json(result) : { kind: "csv", body: toCsv(result.groups, GROUP_COLUMNS) };
};

export const dora: Endpoint = async ({ store, installationId, query, now }) =>
  json(await getDora(store, installationId, doraParams(now).parse(query)));

/** The repositories' sync, and (JSON only: CSV is the list) the installation's webhook inbox backlog. */
export const sync: Endpoint = async ({ store, installationId, query, now }) => {
  const { format } = syncParams.parse(query);
  const status = await getSyncStatus(store, installationId);
  if (format !== "json") return { kind: "csv", body: toCsv(status.repos, SYNC_STATUS_COLUMNS) };
  return json({ ...status, inbox: await getInboxStatus(store, now(), installationId) });
};
