import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DnsRecord } from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { ProviderHost } from "../harness/providerHost";

/**
 * The serialized provider must find the package wherever a Pulumi program
 * runs: installed under node_modules, or inside a checkout of this
 * repository at any path. The provider host's working directory is the
 * program's directory, as under the Pulumi CLI.
 */
const REPO = path.resolve(__dirname, "../..");
const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "euro-hosting-stub-"));
afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }));

async function checkFrom(cwd: string) {
  const resource = await programResource(() => new DnsRecord("r", { zoneId: "1", name: "www", type: "A", value: "192.0.2.1", ttl: 5 }));
  const host = await ProviderHost.start({ cwd });
  try {
    await host.configure({});
    return await host.check(resource.urn, {}, resource.inputs);
  } finally {
    await host.stop();
  }
}

test("installed under node_modules (as `npm install` or a file: dependency leaves it)", async () => {
  const program = path.join(sandbox, "installed-program");
  fs.mkdirSync(path.join(program, "node_modules"), { recursive: true });
  fs.symlinkSync(REPO, path.join(program, "node_modules", "pulumi-euro-hosting"), "dir");
  const result = await checkFrom(program);
  expect(result.failures).toEqual([{ property: "ttl", reason: "must be at least 60 seconds" }]);
});

test("a program inside another checkout of this repository, at another path", async () => {
  const checkout = path.join(sandbox, "other-checkout");
  fs.mkdirSync(path.join(checkout, "examples", "site"), { recursive: true });
  fs.copyFileSync(path.join(REPO, "package.json"), path.join(checkout, "package.json"));
  fs.cpSync(path.join(REPO, "dist"), path.join(checkout, "dist"), { recursive: true });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(checkout, "node_modules"), "dir");
  const result = await checkFrom(path.join(checkout, "examples", "site"));
  expect(result.failures.map((failure) => failure.property)).toEqual(["ttl"]);
});

test("nowhere to be found: one clear error telling the user to install the package", async () => {
  const empty = path.join(sandbox, "empty");
  fs.mkdirSync(empty);
  await expect(checkFrom(empty)).rejects.toThrow(/gigahost:DnsRecord: cannot load pulumi-euro-hosting; install it in the Pulumi program/);
});
