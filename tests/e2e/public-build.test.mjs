// The public transparency build (`--no-default-features`) carries no patient-level code:
// no Risk page, no link to it, and no risk scoring in either wasm binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, PUBLIC_DIST } from "./harness.mjs";

// Written by the test command (`synthetic_patients`) for the Risk page's tests.
const PATIENTS = new URL("../../target/e2e-data/patients-10000.csv", import.meta.url).pathname;

let server, browser;
before(async () => { server = await startServer(PUBLIC_DIST); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test("the public build has no Risk page and no link to one", async () => {
  const session = await openPage(browser, server.origin);
  await visit(session, "/");
  const links = await session.page.getByRole("navigation", { name: "Pages" }).getByRole("link").allInnerTexts();
  assert.ok(links.includes("Scorecard"), links.join(", "));
  assert.ok(!links.includes("Risk"), links.join(", "));
  await visit(session, "/risk");
  assert.match(await session.page.locator("h1").innerText(), /Page not found/);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("the public build's Data page refuses a patient-level file and keeps nothing of it", { skip: !existsSync(PATIENTS) && "target/e2e-data/patients-10000.csv is missing: tools/test.sh writes it" }, async () => {
  const session = await openPage(browser, server.origin);
  await visit(session, "/data");
  await session.page.setInputFiles("#data-files", [PATIENTS]);
  const report = session.page.locator(".atlas-file-report");
  await report.waitFor({ timeout: 30_000 });
  assert.match(await report.innerText(), /Not used/);
  assert.match(await report.innerText(), /this site does not take patient-level data/);
  assert.match(await session.page.locator(".nhsuk-error-summary").innerText(), /the file could not be used/);
  await visit(session, "/");
  assert.match(await session.page.locator(".atlas-source").innerText(), /Published data/);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("neither wasm binary of the public build contains the risk scoring code", () => {
  const wasm = readdirSync(PUBLIC_DIST).filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 2, wasm.join(", "));
  // Strings only the patient-level code holds: its on-device statement, the patient
  // file's column names and the CMS condition labels.
  for (const file of wasm) {
    const bytes = readFileSync(join(PUBLIC_DIST, file)).toString("latin1");
    for (const marker of ["It was not uploaded: no patient data left this browser", "cms_dementia", "efi_polypharmacy"]) {
      assert.ok(!bytes.includes(marker), `${file} contains "${marker}"`);
    }
  }
  // The same markers are in the full build, so their absence above means something.
  const full = new URL("../../dist/", import.meta.url).pathname;
  const fullBytes = readdirSync(full).filter((f) => f.endsWith(".wasm")).map((f) => readFileSync(join(full, f)).toString("latin1")).join("");
  assert.ok(fullBytes.includes("cms_dementia") && fullBytes.includes("efi_polypharmacy"));
});

test("the public build has no demonstration: every figure on it is published", async () => {
  const session = await openPage(browser, server.origin);
  await visit(session, "/?demo=illustrative");
  await session.page.waitForTimeout(300);
  assert.match(await session.page.locator(".atlas-source").innerText(), /^Published data\s+Leicester City: published data/);
  await visit(session, "/methods");
  assert.match(await session.page.locator("#demonstration").innerText(), /no demonstration data/);
  await session.context.close();
  // The synthetic city's generator is not in its wasm (it is in the full build's).
  const marker = "Practices actively referring to the Community Pharmacist Consultation Service";
  const bytes = (dir) => readdirSync(dir).filter((f) => f.endsWith(".wasm")).map((f) => readFileSync(join(dir, f)).toString("latin1")).join("");
  assert.ok(!bytes(PUBLIC_DIST).includes(marker));
  assert.ok(bytes(new URL("../../dist/", import.meta.url).pathname).includes(marker));
});
