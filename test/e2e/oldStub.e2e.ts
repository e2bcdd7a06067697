import * as fs from "node:fs";
import * as path from "node:path";
import { providerStub } from "../../provider/dynamic";
import { fixturePath, readFixture } from "../compat/fixtures";
import { leftovers } from "../support/demoFixture";
import { Project, useWorkspaceAndEmulators } from "./support";

/**
 * A stack whose state holds the stub 0.1.0 stored (Pulumi's 3.4 KB closure
 * serialization, taken from test/compat), driven by the real CLI with the
 * current package installed: refresh and destroy run the stored stub, preview
 * and up the program's current one (docs/state-compatibility.md).
 */
const program = (ttl: number) => `import * as gigahost from "pulumi-euro-hosting/gigahost";

const zone = new gigahost.DnsZone("zone", { name: "old-stub.example.no" });
new gigahost.DnsRecord("www", { zoneId: zone.zoneId, name: "www", type: "A", value: "192.0.2.10", ttl: ${ttl} });
`;

const RECORD = "pulumi-nodejs:dynamic/gigahost:DnsRecord";

describe("state holding a 0.1.0 provider stub, through the Pulumi CLI", () => {
  const setup = useWorkspaceAndEmulators(60);

  test("refresh, a clean preview, an update that stores the current stub, destroy through the old stub", async () => {
    const { workspace, emulators } = setup;
    const oldStub = readFixture(fixturePath("0.1.0", "gigahost:DnsRecord")).outputs.__provider as string;
    expect(Buffer.byteLength(oldStub)).toBeGreaterThan(3400);
    const project = Project.create(workspace, "old-stub", program(300), { EURO_HOSTING_TIME_SCALE: "60" });
    await project.initStack(emulators.config);
    await project.run(["up", "--yes", "--skip-preview"]);

    // The record's state as 0.1.0 would have left it: its stub in inputs and outputs.
    const withStub = async (stub: string) => {
      const exported = JSON.parse(await project.run(["stack", "export"]));
      const record = exported.deployment.resources.find((r: { type: string }) => r.type === RECORD);
      record.inputs.__provider = stub;
      record.outputs.__provider = stub;
      const file = path.join(workspace.root, "deployment.json");
      fs.writeFileSync(file, JSON.stringify(exported));
      await project.run(["stack", "import", "--file", file]);
    };
    const storedStub = async () => (await project.exportState()).resources.find((r) => r.type === RECORD)?.outputs?.__provider;
    await withStub(oldStub);
    expect(await storedStub()).toBe(oldStub);

    await project.run(["refresh", "--yes", "--skip-preview"]);
    expect(await storedStub()).toBe(oldStub);
    await project.run(["preview", "--expect-no-changes"]);

    fs.writeFileSync(path.join(project.directory, "index.ts"), program(600));
    await project.run(["up", "--yes", "--skip-preview"]);
    expect(await storedStub()).toBe(providerStub("gigahost:DnsRecord"));
    const zone = emulators.all.gigahost.zoneByName("old-stub.example.no");
    expect(emulators.all.gigahost.records(zone!.zone_id).filter((record) => record.record_name === "www").map((record) => Number(record.record_ttl))).toEqual([600]);

    await withStub(oldStub);
    await project.run(["destroy", "--yes", "--skip-preview"]);
    expect(leftovers(emulators.all)).toEqual([]);
  });
});
