// Names a published site's bundle in its index.html: <meta name="atlas-bundle"
// content="URL">, which the app reads at start (src/published.rs).
import { readFile, writeFile } from "node:fs/promises";

const [index, url] = process.argv.slice(2);
if (!index || !url) {
  console.error("usage: node tools/name-bundle.mjs SITE/index.html /data/atlas-bundle.json");
  process.exit(2);
}
const html = await readFile(index, "utf8");
const meta = `<meta name="atlas-bundle" content="${url.replace(/[&"<>]/g, "")}" />`;
const without = html.replace(/\s*<meta name="atlas-bundle"[^>]*>/g, "");
const named = without.replace(/<meta charset="utf-8"\s*\/?>/i, (charset) => `${charset}\n    ${meta}`);
if (named === without) {
  console.error(`${index} has no <meta charset="utf-8">: cannot name the bundle`);
  process.exit(2);
}
await writeFile(index, named);
