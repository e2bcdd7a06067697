// The state file (EmulatorServerOptions.statePath): `{ [vendor]: snapshot }`,
// loaded at start and rewritten after every successful write.
import * as fs from "node:fs";
import * as path from "node:path";
import type { VendorEmulator } from "./vendor";

export function loadState(statePath: string | undefined, vendors: readonly VendorEmulator[]): void {
  if (!statePath || !fs.existsSync(statePath)) return;
  const saved = JSON.parse(fs.readFileSync(statePath, "utf8")) as Record<string, unknown>;
  for (const vendor of vendors) {
    if (saved[vendor.vendor] !== undefined) vendor.restore(saved[vendor.vendor]);
  }
}

export function saveState(statePath: string | undefined, vendors: readonly VendorEmulator[]): void {
  if (!statePath) return;
  const state = Object.fromEntries(vendors.map((vendor) => [vendor.vendor, vendor.snapshot()]));
  // Write-then-rename so a crash mid-write never leaves a truncated state file.
  const temporary = `${statePath}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(path.resolve(statePath)), { recursive: true });
  fs.writeFileSync(temporary, JSON.stringify(state, null, 2));
  fs.renameSync(temporary, statePath);
}
