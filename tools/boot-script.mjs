// Trunk post_build hook: moves Trunk's inline start-up <script type="module"> into
// boot-<hash>.js so that the Content-Security-Policy needs no 'unsafe-inline' for scripts.
// The name carries a hash of the content, like Trunk's own files, so caches never serve
// a start-up script that loads an older build.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("boot-script.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)");
const indexPath = join(dir, "index.html");
const html = readFileSync(indexPath, "utf8");
const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
const bodies = [...html.matchAll(inline)].map((m) => m[1]);
if (bodies.length === 0) process.exit(0);
const boot = bodies.join("\n");
const name = `boot-${createHash("sha256").update(boot).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dir, name), boot);
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
let first = true;
const rewritten = html.replace(inline, () => {
  if (!first) return "";
  first = false;
  return `<script type="module" src="${publicUrl}${name}"></script>`;
});
writeFileSync(indexPath, rewritten);
