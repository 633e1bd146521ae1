// Lint rules, including the boundaries between who runs what (see README "Architecture").
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const serverImport = {
  group: ["**/server/**", "../server/*", "../../server/*"],
  message: "client/ and shared/ never import server/: the browser must not bundle server code.",
};
const phaserImport = {
  group: ["phaser", "phaser/*"],
  message: "Phaser only in client/src (presentation). Netcode and sim stay renderer-free so bots and the server can run them.",
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test-artifacts/**", "bench-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["shared/**/*.ts"],
    ignores: ["shared/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [serverImport, phaserImport, { group: ["**/client/**"], message: "shared/ is imported by both sides; it imports neither." }],
        paths: [{ name: "node:fs", message: "shared/ runs in the browser too: no Node APIs." }],
      }],
    },
  },
  {
    files: ["shared/sim/**/*.ts"],
    ignores: ["shared/sim/**/*.test.ts"],
    rules: {
      "no-restricted-properties": ["error",
        { object: "Math", property: "random", message: "The sim is deterministic: take a seeded generator as a parameter." },
        { object: "Date", property: "now", message: "The sim has no clock: time comes in as the fixed dt." },
        { object: "performance", property: "now", message: "The sim has no clock: time comes in as the fixed dt." },
      ],
      "no-restricted-globals": ["error",
        { name: "Date", message: "The sim has no clock: time comes in as the fixed dt." },
        { name: "setTimeout", message: "The sim does no I/O and no scheduling." },
        { name: "setInterval", message: "The sim does no I/O and no scheduling." },
        { name: "fetch", message: "The sim does no I/O." },
      ],
    },
  },
  {
    files: ["client/net/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [serverImport, phaserImport] }] },
  },
  {
    files: ["client/src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [serverImport] }] },
  },
  {
    // The start screen's entry loads the arena with import(); a static import would put Phaser
    // into the first download (the build's start-screen budget fails on it too).
    files: ["client/src/main.ts", "client/src/app.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [serverImport, {
          group: ["phaser", "phaser/*", "./arena.js", "./scenes/*", "./ui/gameUi.js"],
          allowTypeImports: true,
          message: "The start screen loads without Phaser: reach the arena through import(\"./arena.js\") (see docs/loading.md); type imports are fine.",
        }],
      }],
    },
  },
  {
    files: ["server/rooms/**/*.ts", "server/game/**/*.ts"],
    rules: { "no-console": ["error"] },
  },
);
