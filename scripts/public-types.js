#!/usr/bin/env node
// After `tsc`: make the published declarations compile in a project made by `pulumi new typescript`
// (`"moduleResolution": "node"`, no `esModuleInterop`, no `skipLibCheck`).
//
// Our declarations name zod's types (resource args are derived from their schemas). Any import of
// zod's declarations reaches `zod/v4/locales/index.d.cts`, whose default imports of `export =`
// modules fail without `esModuleInterop` (TS1259, one per locale). So dist/ carries a copy of the
// declarations of zod's `z` namespace without the `locales` re-export (types only: the runtime
// still loads the real zod), and our .d.ts files import that copy instead of "zod".
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const zodRoot = path.dirname(require.resolve("zod/package.json", { paths: [root] }));
const target = path.join(dist, "zod-types");
const LOCALES = /^export \* as locales from "[^"]*";\n/m;

function walk(dir, keep) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

// The declarations reachable from zod's root entry point, without the locales, mini and v3 trees.
fs.rmSync(target, { recursive: true, force: true });
const wanted = (file) =>
  file.endsWith(".d.cts") && !/[\\/](v3|locales|mini|v4-mini|node_modules)[\\/]/.test(path.sep + path.relative(zodRoot, file));
for (const file of walk(zodRoot, wanted)) {
  const relative = path.relative(zodRoot, file);
  const text = fs.readFileSync(file, "utf8").replace(LOCALES, "");
  fs.mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
  fs.writeFileSync(path.join(target, relative), text);
}
fs.copyFileSync(path.join(zodRoot, "LICENSE"), path.join(target, "LICENSE"));
const zodVersion = JSON.parse(fs.readFileSync(path.join(zodRoot, "package.json"), "utf8")).version;
fs.writeFileSync(path.join(target, "README.md"), `Type declarations of zod ${zodVersion} (MIT, see LICENSE) without its locales, used by this package's declarations only.\n`);

// Point our declarations at the copy.
let importers = 0;
for (const file of walk(dist, (f) => f.endsWith(".d.ts") && !f.startsWith(target))) {
  const text = fs.readFileSync(file, "utf8");
  let specifier = path.relative(path.dirname(file), path.join(target, "index.cjs")).split(path.sep).join("/");
  if (!specifier.startsWith(".")) specifier = `./${specifier}`;
  const next = text.replace(/(from |import\()"zod"/g, `$1"${specifier}"`);
  if (next !== text) fs.writeFileSync(file, next);
  if (next.includes("zod-types/index.cjs")) importers += 1;
}
if (importers === 0) throw new Error("public-types: no declaration imports zod; is this script still needed?");
