import type { Context } from "probot";
import { firstLine, repoConfigError } from "../metrics/repo-config.js";

export const REPO_CONFIG_PATH = ".github/mergelens.yml";

/** The part of an installation's octokit that reads config files (Probot's config API). */
export type ConfigOctokit = Pick<Context["octokit"], "config">;

/** What a fetch found: the parsed file (null: none), or why the file could not be read as config. */
export type LoadedRepoConfig = { raw: unknown } | { error: string };

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";

/**
 * Reads `.github/mergelens.yml` through Probot's config API, which also falls back to the owner's
 * `.github` repository and follows `_extends`. A 404 is "no file". Errors of the plugin itself (bad
 * YAML, a scalar, a directory, a bad `_extends`) are the file's problem; any other error (network,
 * 5xx) is thrown, so the delivery fails and is redelivered instead of caching a wrong config.
 */
export async function loadRepoConfigFile(
  octokit: ConfigOctokit,
  fullName: string,
): Promise<LoadedRepoConfig> {
  const [owner, repo] = fullName.split("/");
  try {
    const { config, files } = await octokit.config.get({ owner, repo, path: REPO_CONFIG_PATH });
    const found = files.filter((file) => file.config !== null);
    // One file is validated as written (a list stays a list); a chain of `_extends` as merged.
    return { raw: found.length <= 1 ? (found[0]?.config ?? null) : config };
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith(PLUGIN_PREFIX)) throw error;
    const reason = error.cause instanceof Error ? firstLine(error.cause) : firstLine(error);
    return { error: repoConfigError(reason.replace(PLUGIN_PREFIX, "")) };
  }
}
