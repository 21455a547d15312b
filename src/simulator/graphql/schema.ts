import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSchema, type GraphQLSchema } from "graphql";

let schema: GraphQLSchema | undefined;

/**
 * GitHub's public schema from @octokit/graphql-schema, built once per process (about half a second).
 * The published SDL defines two Enterprise fields twice, which graphql-js's SDL check rejects, so the
 * check is skipped (the later definition wins); the schema itself still validates.
 */
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    // The package exports only its JS entry (which parses a 5 MB JSON on import): find the SDL file itself.
    const dirs = createRequire(import.meta.url).resolve.paths("@octokit/graphql-schema") ?? [];
    const file = dirs
      .map((dir) => join(dir, "@octokit/graphql-schema/schema.graphql"))
      .find((f) => existsSync(f));
    if (!file) throw new Error("@octokit/graphql-schema is not installed");
    schema = buildSchema(readFileSync(file, "utf8"), { assumeValidSDL: true });
  }
  return schema;
}
