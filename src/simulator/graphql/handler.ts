import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
} from "graphql";
import type { Accounting } from "../accounting.js";
import { iso } from "../ids.js";
import type { Bucket, RateLimiter } from "../rate-limit.js";
import { graphqlRateLimited, json, type SimResponse } from "../responses.js";
import { queryCost } from "./cost.js";
import { checkedDocument } from "./documents.js";
import { GitHubGraphQLError } from "./errors.js";
import type { GqlScope } from "./nodes-common.js";
import { rootValue } from "./root.js";
import { githubSchema } from "./schema.js";

export interface GraphqlDeps {
  scope: GqlScope;
  limiter: RateLimiter;
  accounting: Accounting;
}

/** GitHub's error shape: message, locations, path, and a top-level `type` when GitHub gives one. */
function format(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  const type = original instanceof GitHubGraphQLError ? original.type : error.extensions.type;
  return {
    ...(typeof type === "string" ? { type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

const errorsOnly = (errors: readonly GraphQLError[]) => json(200, { errors: errors.map(format) });

/** Reads properties (calling those that take arguments); a field the simulator does not build is an error. */
const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  const value =
    typeof source === "object" && source !== null ? Reflect.get(source, info.fieldName) : undefined;
  if (value === undefined) {
    throw new GraphQLError(
      `mergelens's GitHub simulator does not serve ${info.parentType.name}.${info.fieldName}`,
    );
  }
  return typeof value === "function" ? value.call(source, args, context, info) : value;
};

interface Body {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function parseBody(raw: string): Body | undefined {
  try {
    const body: unknown = JSON.parse(raw);
    return typeof body === "object" && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Parses, validates against GitHub's schema, prices, charges `bucket`, then runs one GraphQL request. */
export async function handleGraphql(
  deps: GraphqlDeps,
  raw: string,
  bucket: Bucket,
  who: string,
): Promise<SimResponse> {
  const body = parseBody(raw);
  if (!body)
    return json(400, {
      message: "Problems parsing JSON",
      documentation_url: "https://docs.github.com/graphql",
    });
  if (typeof body.query !== "string") {
    return errorsOnly([new GraphQLError("A query attribute must be specified and must be a string.")]);
  }
  const { document, errors } = checkedDocument(body.query);
  if (errors) return errorsOnly(errors);
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) return errorsOnly([new GraphQLError("No operation named in the document could be run.")]);
  if (operation.operation !== "query") {
    return errorsOnly([new GraphQLError("mergelens's GitHub simulator serves queries only.")]);
  }
  const inputs = typeof body.variables === "object" && body.variables !== null ? body.variables : {};
  const schema = githubSchema();
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...inputs });
  if (coerced.errors) return errorsOnly(coerced.errors);

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const cost = queryCost(schema, operation, fragments, coerced.coerced);
  if (cost.errors.length > 0) return errorsOnly(cost.errors);
  if (!deps.limiter.spend(bucket, cost.cost)) return graphqlRateLimited(who);
  deps.accounting.points(cost.cost);

  const rateLimit = {
    cost: cost.cost,
    limit: bucket.limit,
    remaining: Math.max(0, bucket.limit - bucket.used),
    used: bucket.used,
    resetAt: iso(bucket.resetAt),
    nodeCount: cost.nodes,
  };
  const result = await execute({
    schema,
    document,
    operationName,
    variableValues: coerced.coerced,
    rootValue: rootValue(deps.scope, rateLimit),
    fieldResolver,
  });
  return json(200, {
    data: result.data ?? null,
    ...(result.errors ? { errors: result.errors.map(format) } : {}),
  });
}
