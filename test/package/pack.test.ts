import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * What `npm install pulumi-euro-hosting` puts on a user's disk: everything the
 * README links to, the built code and types, no source maps pointing at
 * sources that are not there, and no install script.
 */

const REPO = path.resolve(__dirname, "../..");
const packageJson = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
// `npm test` has just built dist/; --ignore-scripts keeps the pack from building again.
const packed: { files: { path: string }[] }[] = JSON.parse(
  execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO, encoding: "utf8" }),
);
const files = packed[0].files.map((file) => file.path);

test("the tarball holds the README, CHANGELOG, LICENSE, every docs page and every example", () => {
  for (const file of ["README.md", "CHANGELOG.md", "LICENSE", "package.json", "dist/index.js", "dist/index.d.ts", "dist/emulator/cli.js", "dist/emulator/zoneid/zoneid-openapi.json", "dist/schema.json"]) {
    expect(files).toContain(file);
  }
  for (const page of fs.readdirSync(path.join(REPO, "docs")).filter((name) => name.endsWith(".md"))) expect(files).toContain(`docs/${page}`);
  for (const example of fs.readdirSync(path.join(REPO, "examples"), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    expect(files).toContain(`examples/${example.name}/index.ts`);
    expect(files).toContain(`examples/${example.name}/Pulumi.yaml`);
  }
  expect(fs.readFileSync(path.join(REPO, "LICENSE"), "utf8")).toMatch(/^Apache License\s+Version 2\.0/);
  expect(packageJson.license).toBe("Apache-2.0");
});

test("every relative link in the README and docs points into the tarball", () => {
  const pages = files.filter((file) => file.endsWith(".md") && !file.startsWith("dist/"));
  const missing: string[] = [];
  for (const page of pages) {
    const text = fs.readFileSync(path.join(REPO, page), "utf8");
    for (const match of text.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), match[1])).replace(/\/$/, "");
      if (!files.some((file) => file === target || file.startsWith(`${target}/`))) missing.push(`${page} → ${match[1]}`);
    }
  }
  expect(missing).toEqual([]);
});

test("no tests, sources or source maps ship, and no shipped file refers to a map", () => {
  expect(files.filter((file) => file.startsWith("test/") || file.endsWith(".map") || /^(provider|resources|emulator)\//.test(file))).toEqual([]);
  const referringToMaps = files.filter((file) => file.endsWith(".js") && fs.readFileSync(path.join(REPO, file), "utf8").includes("sourceMappingURL"));
  expect(referringToMaps).toEqual([]);
});

test("nothing runs at install: the build runs when packing", () => {
  for (const hook of ["preinstall", "install", "postinstall", "prepare"]) expect(packageJson.scripts[hook]).toBeUndefined();
  expect(packageJson.scripts.prepack).toBe("npm run build");
  expect(packageJson.homepage).toMatch(/^https:\/\//);
});
