import type { CheckRunRecord, CheckSuiteRecord } from "../../records/types.js";
import type { CheckRunEvent, CheckSuiteEvent } from "../schemas/checks.js";

export function extractCheckRun(payload: CheckRunEvent): CheckRunRecord {
  const run = payload.check_run;
  return {
    installationId: payload.installation.id,
    repoId: payload.repository.id,
    checkRunId: run.id,
    checkSuiteId: run.check_suite?.id ?? null,
    name: run.name,
    headSha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    startedAt: run.started_at,
    completedAt: run.completed_at,
    appSlug: run.app?.slug ?? null,
    prNumbers: run.pull_requests.map((pr) => pr.number),
  };
}

export function extractCheckSuite(payload: CheckSuiteEvent): CheckSuiteRecord {
  const suite = payload.check_suite;
  return {
    installationId: payload.installation.id,
    repoId: payload.repository.id,
    checkSuiteId: suite.id,
    headSha: suite.head_sha,
    headBranch: suite.head_branch,
    status: suite.status,
    conclusion: suite.conclusion,
    appSlug: suite.app?.slug ?? null,
    prNumbers: suite.pull_requests.map((pr) => pr.number),
    updatedAt: suite.updated_at,
  };
}
