/** Exit codes scripts can rely on: 0 done, 1 the work failed, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** What every error line starts with, commander's own included, so the CLI has one error style. */
export const ERROR_PREFIX = "mergelens: ";
/** Printed after every usage error, commander's and ours alike. */
export const USAGE_HINT = "(add --help for usage)";
