// The plugin tarball (scripts/plugin-tarball.sh, from dist/: run `npm run build` first): its
// contents, and the packed executable started from an unpacked copy, away from this checkout.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PluginClient } from "./pluginClient";

const REPO = path.resolve(__dirname, "../..");
const VERSION: string = require("../../package.json").version;
let work: string;
let tarball: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-tarball-"));
  tarball = execFileSync("bash", [path.join(REPO, "scripts/plugin-tarball.sh"), "--no-build", "--out", work], { encoding: "utf8" }).trim();
}, 600_000); // a hang guard, not a budget

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("is named as Pulumi names plugin archives and holds the executable at its root, the package and its run-time packages", () => {
  const platform = ({ linux: "linux", darwin: "darwin", win32: "windows" } as Record<string, string>)[process.platform];
  const arch = ({ x64: "amd64", arm64: "arm64" } as Record<string, string>)[process.arch];
  expect(path.basename(tarball)).toBe(`pulumi-resource-euro-hosting-v${VERSION}-${platform}-${arch}.tar.gz`);
  const listing = execFileSync("tar", ["-tvzf", tarball], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\n");
  const entries = listing.map((line) => line.split(/\s+/).pop()!);
  expect(listing.find((line) => line.endsWith(" ./pulumi-resource-euro-hosting"))).toMatch(/^-rwx/);
  for (const file of ["./package.json", "./LICENSE", "./dist/provider/plugin/main.js", "./dist/provider/dispatch.js", "./dist/resources/gigahost/dnsZone.js"]) {
    expect(entries).toContain(file);
  }
  for (const needed of ["@pulumi/pulumi", "@grpc/grpc-js", "google-protobuf", "zod", "axios"]) expect(entries).toContain(`./node_modules/${needed}/package.json`);
  // Nothing for development: our declarations and maps, tests, the TypeScript compiler, jest.
  expect(entries.filter((entry) => /^\.\/dist\/.*(\.d\.ts|\.map)$|^\.\/test\/|^\.\/node_modules\/(typescript|jest|ts-jest)\//.test(entry))).toEqual([]);
});

test("the packed executable, unpacked elsewhere, prints its port and serves", async () => {
  const unpacked = path.join(work, "installed");
  fs.mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
  const child = spawn(path.join(unpacked, "pulumi-resource-euro-hosting"), ["127.0.0.1:1"], {
    cwd: unpacked,
    stdio: ["pipe", "pipe", "pipe"],
    // Only node on PATH: nothing of this checkout is found.
    env: { PATH: path.dirname(process.execPath) },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^(\d+)\n/.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      exited.then((code) => reject(new Error(`exited (${code}) before its port: ${stderr}`)));
    });
    const client = new PluginClient(port);
    try {
      expect(await client.getPluginInfo()).toBe(VERSION);
      // The resource kinds load from the tarball's own node_modules (zod, the vendor clients).
      const { failures } = await client.check("urn:pulumi:dev::p::euro-hosting:gigahost:DnsZone::z", {}, { name: "Example.NO" });
      expect(failures).toEqual([]);
    } finally {
      client.close();
    }
  } finally {
    child.stdin.end();
  }
  expect(await exited).toBe(0);
  expect(stderr).toBe("");
}, 60_000);
