import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const ENTRY_POINTS = ["runtime", "cli", "api", "dashboard", "demo", "app", "main", "worker-main", "lambda"];

/** One `no-restricted-imports` block per folder, naming the folders of `src/` it may not import. */
function layers(forbidden) {
  return Object.entries(forbidden).map(([files, folders]) => ({
    files: [files],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: folders.map((folder) => ({
            regex: `^(\\.\\./)+${folder}(/|\\.js$)`,
            message: `${files.replace("/**", "")} may not depend on src/${folder} (docs/ARCHITECTURE.md)`,
          })),
        },
      ],
    },
  }));
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "coverage/",
      ".data/",
      ".tools/",
      "bench/results/",
      "src/dashboard/vendor/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Dependencies point one way (docs/ARCHITECTURE.md): entry points → webhooks/sync → convert →
  // storage/metrics, records below all. Neither webhooks nor sync imports the other.
  ...layers({
    "src/sync/**": ["webhooks", ...ENTRY_POINTS],
    "src/webhooks/**": ["sync", ...ENTRY_POINTS],
    "src/github/**": ["webhooks", "sync", ...ENTRY_POINTS],
    "src/convert/**": ["webhooks", "sync", "github", "query", ...ENTRY_POINTS],
    "src/query/**": ["webhooks", "sync", "github", ...ENTRY_POINTS],
    "src/storage/**": ["webhooks", "sync", "convert", "github", "query", ...ENTRY_POINTS],
    "src/metrics/**": ["webhooks", "sync", "convert", "github", "query", ...ENTRY_POINTS],
    "src/records/**": [
      "webhooks",
      "sync",
      "convert",
      "github",
      "query",
      "storage",
      "metrics",
      ...ENTRY_POINTS,
    ],
  }),
  {
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  prettier,
);
