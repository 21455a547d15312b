import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const MAX_NODES = 500_000;
const MAX_PAGE = 100;

export interface QueryCost {
  /** Points charged: requests ÷ 100, rounded, at least 1. */
  cost: number;
  /** Requests the connections imply: each connection once per parent node that could hold it. */
  requests: number;
  /** Nodes the query could return at most. */
  nodes: number;
  errors: GraphQLError[];
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const named = getNamedType(field.type);
  return named.name.endsWith("Connection") && field.args.some((arg) => arg.name === "first");
}

function selects(node: FieldNode, names: string[]): boolean {
  return (node.selectionSet?.selections ?? []).some(
    (selection) => selection.kind !== Kind.FIELD || names.includes(selection.name.value),
  );
}

/**
 * GitHub's rate-limit formula: every connection costs one request per node of its parents (the
 * product of the `first`/`last` of the connections above it); the sum ÷ 100 is the cost. Also enforces
 * GitHub's pagination rules (first or last on connections that select nodes, 0..100) and the
 * 500,000-node limit, which reject a query before it runs.
 */
export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): QueryCost {
  let requests = 0;
  let nodes = 0;
  const errors: GraphQLError[] = [];
  const typed = (type: string, message: string, node: FieldNode) =>
    errors.push(new GraphQLError(message, { nodes: node, extensions: { type } }));

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment =
          selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        const condition = fragment?.typeCondition
          ? schema.getType(fragment.typeCondition.name.value)
          : parent;
        if (fragment && condition && isCompositeType(condition))
          walk(fragment.selectionSet, condition, multiplier);
        continue;
      }
      if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      const args = getArgumentValues(field, selection, variables);
      let inner = multiplier;
      if (isConnection(field)) {
        const name = selection.name.value;
        const limit =
          typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : null;
        const which = typeof args.first === "number" ? "first" : "last";
        if (limit === null && selects(selection, ["nodes", "edges"])) {
          typed(
            "MISSING_PAGINATION_BOUNDARIES",
            `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
            selection,
          );
        } else if (limit !== null && (limit < 0 || limit > MAX_PAGE)) {
          typed(
            "EXCESSIVE_PAGINATION",
            `Requesting ${limit} records on the \`${name}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`,
            selection,
          );
        }
        requests += multiplier;
        inner = multiplier * (limit ?? 0);
        nodes += inner;
      } else if (parent === schema.getQueryType() && Array.isArray(args.ids)) {
        // `nodes(ids:)` fans the selection out over every id, like a connection of that size.
        inner = multiplier * args.ids.length;
      }
      const named = getNamedType(field.type);
      if (isCompositeType(named)) walk(selection.selectionSet, named, inner);
    }
  };

  const root = operation.operation === "query" ? schema.getQueryType() : null;
  if (root) walk(operation.selectionSet, root, 1);
  if (nodes > MAX_NODES) {
    errors.push(
      new GraphQLError(
        `This query requests up to ${nodes.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.`,
        { extensions: { type: "MAX_NODE_LIMIT_EXCEEDED" } },
      ),
    );
  }
  return { cost: Math.max(1, Math.round(requests / 100)), requests, nodes, errors };
}
