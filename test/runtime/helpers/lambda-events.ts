import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, ScheduledEvent } from "aws-lambda";

/**
 * The events AWS hands the functions, in the shapes of AWS's documentation (typed by @types/aws-lambda):
 * API Gateway HTTP API payload 2.0 (lower-case headers, no httpMethod or path) and EventBridge's schedule.
 */
export function httpApiEvent(options: {
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEventV2 {
  const now = new Date();
  const headers = Object.fromEntries(
    Object.entries({
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/1",
      ...options.headers,
    }).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    version: "2.0",
    routeKey: "POST /api/github/webhooks",
    rawPath: "/api/github/webhooks",
    rawQueryString: "",
    headers: { ...headers, "content-length": String(Buffer.byteLength(options.body)) },
    requestContext: {
      accountId: "123456789012",
      apiId: "api-id",
      domainName: "api-id.execute-api.eu-west-1.amazonaws.com",
      domainPrefix: "api-id",
      http: {
        method: "POST",
        path: "/api/github/webhooks",
        protocol: "HTTP/1.1",
        sourceIp: "140.82.115.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: "POST /api/github/webhooks",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: options.body,
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

export function scheduledEvent(): ScheduledEvent<Record<string, never>> {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "123456789012",
    time: new Date().toISOString(),
    region: "eu-west-1",
    resources: ["arn:aws:events:eu-west-1:123456789012:rule/mergelens-schedule-syncs"],
    detail: {},
  };
}
