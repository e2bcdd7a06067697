#!/usr/bin/env node
// The installed packages the package needs at run time: its dependencies and peer dependencies
// (@pulumi/pulumi), and theirs, found as Node finds them (node_modules of the requiring package,
// then of each directory above it). Prints their directories relative to the package root, one a
// line; with --copy-to, copies them there instead, each without the packages nested in it that
// are not needed. Used by scripts/plugin-tarball.sh.
//
// Usage: node scripts/production-modules.js [--copy-to <directory>]
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const copyTo = process.argv[2] === "--copy-to" ? path.resolve(process.argv[3]) : undefined;

function manifestOf(directory) {
  return JSON.parse(fs.readFileSync(path.join(directory, "package.json"), "utf8"));
}

/** The directory `name` resolves to from a package at `from`, or undefined (an optional dependency not installed). */
function resolvePackage(name, from) {
  for (let directory = from; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(directory) === directory || directory === path.dirname(root)) return undefined;
  }
}

const found = new Set();
const rootManifest = manifestOf(root);
const queue = [{ from: root, names: { ...rootManifest.dependencies, ...rootManifest.peerDependencies } }];
while (queue.length > 0) {
  const { from, names, optional } = queue.shift();
  for (const name of Object.keys(names ?? {})) {
    const directory = resolvePackage(name, from);
    if (directory === undefined) {
      if (optional?.[name] !== undefined) continue;
      throw new Error(`${name}, needed by ${path.relative(root, from) || "the package"}, is not installed: run npm ci`);
    }
    if (found.has(directory)) continue;
    found.add(directory);
    const manifest = manifestOf(directory);
    // Optional peer dependencies (@pulumi/pulumi's typescript and ts-node) are the user's to install, as npm leaves them.
    const optionalPeers = new Set(Object.entries(manifest.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([peer]) => peer));
    const peers = Object.fromEntries(Object.entries(manifest.peerDependencies ?? {}).filter(([peer]) => !optionalPeers.has(peer)));
    queue.push({
      from: directory,
      names: { ...manifest.dependencies, ...manifest.optionalDependencies, ...peers },
      optional: manifest.optionalDependencies,
    });
  }
}

const directories = [...found].map((directory) => path.relative(root, directory)).sort();
if (copyTo === undefined) {
  for (const directory of directories) console.log(directory);
} else {
  // A package's own node_modules holds the versions nested in it: each needed one is in the list itself.
  for (const directory of directories) {
    const source = path.join(root, directory);
    fs.cpSync(source, path.join(copyTo, directory), {
      recursive: true,
      dereference: true,
      filter: (file) => path.relative(source, file).split(path.sep)[0] !== "node_modules",
    });
  }
}
