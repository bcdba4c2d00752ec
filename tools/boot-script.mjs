// Trunk post_build hook: moves Trunk's inline start-up <script type="module"> into
// boot.js so that the Content-Security-Policy needs no 'unsafe-inline' for scripts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("boot-script.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)");
const indexPath = join(dir, "index.html");
const html = readFileSync(indexPath, "utf8");
const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
const bodies = [...html.matchAll(inline)].map((m) => m[1]);
if (bodies.length === 0) process.exit(0);
writeFileSync(join(dir, "boot.js"), bodies.join("\n"));
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
let first = true;
const rewritten = html.replace(inline, () => {
  if (!first) return "";
  first = false;
  return `<script type="module" src="${publicUrl}boot.js"></script>`;
});
writeFileSync(indexPath, rewritten);
