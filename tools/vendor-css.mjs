// Copies the NHS.UK frontend CSS into style/vendor/ without its @font-face rules, which
// point at a third-party font host that our Content-Security-Policy (rightly) blocks.
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync } from "node:fs";

const source = "node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css";
const target = "style/vendor/nhsuk-frontend.min.css";
if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) process.exit(0);
const css = readFileSync(source, "utf8").replace(/@font-face\{[^}]*\}/g, "");
mkdirSync("style/vendor", { recursive: true });
writeFileSync(target, css);
console.log(`[setup] wrote ${target} (${css.length} bytes, @font-face removed)`);
