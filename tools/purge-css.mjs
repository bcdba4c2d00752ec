// Trunk pre_build hook: ships only the NHS.UK frontend rules the pages use. PurgeCSS
// keeps each rule whose classes, ids and elements appear in the app's source (the view!
// markup of src/ and the page layer, index.html); the vendored stylesheet stays whole in
// style/vendor, and the purged copy is written to target/purged-css/, which index.html
// links. No class of the NHS.UK stylesheet is built at run time (none is put together
// with format!), so a class the source does not spell is a class no page uses.
import { PurgeCSS } from "purgecss";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "style/vendor/nhsuk-frontend.min.css");
const out = join(root, "target/purged-css/nhsuk-frontend.css");

const [result] = await new PurgeCSS().purge({
  content: [
    join(root, "index.html"),
    join(root, "src/**/*.rs"),
    join(root, "crates/atlas-pages/src/**/*.rs"),
    join(root, "crates/atlas-charts/src/**/*.rs"),
  ],
  css: [vendor],
  // The document's own elements, and the state the browser sets.
  safelist: { standard: ["html", "body", ":root"], greedy: [/:focus/, /:hover/, /:active/, /:visited/] },
  keyframes: true,
  fontFace: false,
  variables: false,
});
mkdirSync(dirname(out), { recursive: true });
// Written only when it changes, so that `trunk serve` does not see a change each build.
let previous = "";
try { previous = readFileSync(out, "utf8"); } catch { /* first build */ }
if (previous !== result.css) writeFileSync(out, result.css);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`purge-css: NHS.UK frontend ${kb(readFileSync(vendor).length)} → ${kb(Buffer.byteLength(result.css))}`);
