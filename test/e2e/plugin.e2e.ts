import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { typeToken } from "../../provider/plugin/names";
import type { PluginProgram } from "../plugin/programs/types";
import { program as gandi } from "../plugin/programs/gandi";
import { program as gigahost } from "../plugin/programs/gigahost";
import { program as gigas } from "../plugin/programs/gigas";
import { program as terrahost } from "../plugin/programs/terrahost";
import { program as zoneidA } from "../plugin/programs/zoneid-a";
import { program as zoneidB } from "../plugin/programs/zoneid-b";
import {
  PLUGIN_DIRECTORY,
  type StateResource,
  type Survivor,
  createTypeScriptProject,
  createYamlProject,
  emulatorInventory,
  exportDeployment,
  forgetResources,
  importResources,
  initPluginStack,
  leftAfterDestroy,
  literal,
  madeBetween,
  previewSteps,
  programResources,
  secretInputValues,
  nameOfUrn,
  unwrapSecrets,
  usePluginWorkspace,
} from "./pluginSupport";
import { type Project, REPO } from "./support";

/**
 * The provider plugin, pulumi-resource-euro-hosting, through the real Pulumi CLI: every resource
 * kind in Pulumi YAML programs (test/plugin/programs), `pulumi import`, customTimeouts, the plugin
 * installed from its tarball, and a TypeScript program.
 */

// Vendor jobs (server builds, VM builds) at 240× speed, in the emulators and the plugin alike.
const TIME_SCALE = 240;

/**
 * What the vendors keep when a resource of these kinds is deleted (each definition's delete says
 * so in a warning), as emulator objects of the resource with id `id` and outputs `outputs`.
 */
const KEPT_AFTER_DELETE: Partial<Record<string, (id: string, outputs: Record<string, any>) => Survivor[]>> = {
  "gigahost:NoDomain": (_id, outputs) => [
    {
      pattern: new RegExp(`^gigahost/dns/zones\\[id=${literal(outputs.zoneId)}\\]: `),
      reason: "a .no domain cannot be unregistered through the API: its zone stays until the domain expires",
    },
    { pattern: new RegExp(`^gigahost/domainSettings/${literal(outputs.zoneId)}[/:]`), reason: "the registry settings of that domain stay with it" },
  ],
  ...Object.fromEntries(
    ["gigahost", "terrahost"].map((vendor) => [
      `${vendor}:ServerIpv4`,
      (id: string, outputs: Record<string, any>) => [
        {
          pattern: new RegExp(`^${vendor}/servers/servers\\[id=${literal(outputs.serverId)}\\]/ips\\[id=${literal(id)}\\]: `),
          reason: "no API call releases an address: it stays on the server until support releases it",
        },
      ],
    ]),
  ),
  "zoneid:MailAutoreply": (_id, outputs) => [
    {
      pattern: new RegExp(`^zoneid/hostingSettings/autoreplies/${literal(`${outputs.service}|${outputs.mailboxType}|${outputs.address}`)}: \\{"is_enabled":false,`),
      reason: "ZoneID documents no DELETE for an autoreply: delete turns it off, and the emulator keeps the turned-off texts under the address",
    },
  ],
  "zoneid:Redis": (id, outputs) => [
    {
      pattern: new RegExp(`^zoneid/hosting/services\\[name=${literal(outputs.service)}\\]/collections/database/redis\\[id=${literal(id)}\\]: .*"status":"stopped"`),
      reason: "ZoneID documents no way to deactivate Redis: delete stops it",
    },
  ],
  "zoneid:CloudServer": (id) => [
    {
      pattern: new RegExp(`^zoneid/cloud/orders\\[identificator=${literal(id)}\\]: `),
      reason: "the order that built the server stays in the order history (GET /order/cloud); the server is gone",
    },
  ],
  "zoneid:DomainRenewal": (_id, outputs) =>
    outputs.orderId === null
      ? []
      : [
          {
            pattern: new RegExp(`^zoneid/extras/domainOrders\\[identificator=${literal(outputs.orderId)}\\]: `),
            reason: "a renewal the registry has applied cannot be undone: its order stays (delete cancels only a pending one)",
          },
        ],
  "gigahost:BgpAsn": (id) => [{ pattern: new RegExp(`^gigahost/bgp/asns\\[id=${literal(id)}\\]: `), reason: "Gigahost has no API call that deletes an ASN" }],
  "gigahost:DeployedServer": (id) => [
    {
      pattern: new RegExp(`^gigahost/deploy/orders\\[id=\\d+\\]: .*"serverId":"${literal(id)}"`),
      reason: "the order stays in the account's history after its server is cancelled (the server itself is gone)",
    },
  ],
};

/** Records of finished operations a vendor keeps, per vendor: history, not objects of the program. */
const HISTORY: Partial<Record<string, Survivor[]>> = {
  gigas: [
    {
      pattern: /^gigas\/data\/transactions\[token=[0-9a-f-]+\](: .*"status":"Completed"|\/payload: )/,
      reason: "Gigas's transaction log (GET /transactions) keeps every completed operation",
    },
  ],
};

/** What the emulators may keep after `destroy` of `program`, from the state after `up`. */
function survivorsOf(program: PluginProgram, created: Map<string, StateResource>): Survivor[] {
  const kept = program.resources.flatMap((resource) => {
    const keptOf = KEPT_AFTER_DELETE[resource.kind];
    const stored = created.get(resource.name);
    return keptOf && stored ? keptOf(stored.id!, unwrapSecrets(stored.outputs ?? {}) as Record<string, any>) : [];
  });
  return [...(HISTORY[program.vendor] ?? []), ...kept];
}

const FIXTURES: [string, PluginProgram][] = [
  ["gigahost (the issue's program: DNS zones and records, a server and the rest of Gigahost)", gigahost],
  ["terrahost", terrahost],
  ["zoneid-a (DNS, mail, databases, cron, SSH)", zoneidA],
  ["zoneid-b (web hosting services, domains, a cloud server)", zoneidB],
  ["gigas", gigas],
  ["gandi", gandi],
];

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  try {
    return await run();
  } finally {
    console.log(`${label}: ${Number((process.hrtime.bigint() - started) / 1_000_000n) / 1000}s`);
  }
}

describe("Pulumi YAML programs through the plugin", () => {
  const setup = usePluginWorkspace(TIME_SCALE);

  test.each(FIXTURES)(
    "%s: up, a clean preview, refresh, the import round trip of every importable resource, destroy leaving nothing",
    async (title, program) => {
      const { workspace, emulators } = setup;
      const fixture = title.split(" ")[0];
      const project = createYamlProject(workspace, `plugin-${fixture}`, program, { pluginDirectory: PLUGIN_DIRECTORY, timeScale: TIME_SCALE });
      const run = (args: string[]) => timed(`${fixture}: pulumi ${args.join(" ")}`, () => project.run(args));
      await initPluginStack(project, emulators, [program.vendor]);
      const before = emulatorInventory(emulators.all);

      await run(["up", "--yes", "--skip-preview"]);
      const made = madeBetween(before, emulatorInventory(emulators.all));
      expect(made.size).toBeGreaterThan(0);
      const created = await programResources(project, program);
      expect([...created.keys()].sort()).toEqual(program.resources.map((resource) => resource.name).sort());
      const secrets = [...emulators.secrets, ...secretInputValues(program)];
      const { text: state } = await exportDeployment(project);
      for (const secret of secrets) expect(state).not.toContain(secret);

      await run(["preview", "--expect-no-changes"]);
      await run(["refresh", "--yes", "--skip-preview"]);
      await run(["preview", "--expect-no-changes"]);

      await timed(`${fixture}: the import round trip`, () => importRoundTrip(project, program));
      const { text: stateAfterImport } = await exportDeployment(project);
      for (const secret of secrets) expect(stateAfterImport).not.toContain(secret);

      await run(["destroy", "--yes", "--skip-preview"]);
      expect((await programResources(project, program)).size).toBe(0);
      const survivors = survivorsOf(program, created);
      const left = emulatorInventory(emulators.all);
      console.log(
        `${fixture}: kept after destroy, as the vendor does:\n${survivors.map((survivor) => `  ${survivor.pattern} (${survivor.reason})`).join("\n") || "  nothing"}`,
      );
      expect(leftAfterDestroy(made, left, survivors)).toEqual([]);
    },
  );
});

/**
 * Every resource with an import id leaves the state (its dependents stay) and comes back through
 * `pulumi import --file`: the same id, and a preview with no changes but the inputs the vendor
 * never returns (writeOnly), which the next `up` sets.
 */
async function importRoundTrip(project: Project, program: PluginProgram): Promise<void> {
  const importable = program.resources.filter((resource) => resource.importId);
  expect(importable.length).toBeGreaterThan(0);
  const created = await programResources(project, program);
  const entries = importable.map((resource) => {
    const stored = created.get(resource.name)!;
    const outputs = unwrapSecrets(stored.outputs ?? {}) as Record<string, unknown>;
    return { type: typeToken(resource.kind), name: resource.name, id: resource.importId!(stored.id!, outputs) };
  });
  await forgetResources(project, new Set(importable.map((resource) => resource.name)));
  console.log(`${program.vendor}: importing ${entries.map((entry) => `${entry.name} (${entry.id})`).join(", ")}`);
  await importResources(project, entries);

  const imported = await programResources(project, program);
  expect(Object.fromEntries(importable.map((resource) => [resource.name, imported.get(resource.name)?.id]))).toEqual(
    Object.fromEntries(importable.map((resource) => [resource.name, created.get(resource.name)?.id])),
  );

  const changes = Object.fromEntries(
    (await previewSteps(project)).map((step) => [nameOfUrn(step.urn), `${step.op} ${[...(step.diffReasons ?? [])].sort().join(",")}`]),
  );
  const writeOnly = importable.filter((resource) => resource.writeOnly?.length);
  expect(changes).toEqual(Object.fromEntries(writeOnly.map((resource) => [resource.name, `update ${[...resource.writeOnly!].sort().join(",")}`])));

  // The up records the dependencies the state surgery dropped; with writeOnly inputs it also sets them.
  await project.run(["up", "--yes", "--skip-preview", ...(writeOnly.length ? [] : ["--expect-no-changes"])]);
  await project.run(["preview", "--expect-no-changes"]);
}

describe("customTimeouts", () => {
  // Real time: the timeout is 3 s of it, and the held build never ends on its own whatever the machine's speed.
  const setup = usePluginWorkspace(1);

  test("a VM build the vendor holds makes `up` fail at customTimeouts.create (3s), naming it; once the build ends, the next up finishes the VM and destroy removes it", async () => {
    const { workspace, emulators } = setup;
    const program: PluginProgram = {
      vendor: "gigas",
      resources: [
        {
          name: "slow",
          kind: "gigas:VirtualMachine",
          properties: { label: "slow build", hostname: "slow1", templateId: 2266610120, locationId: 226661012, memory: 2048, cpus: 2, primaryDiskSize: 20 },
        },
      ],
    };
    const project = createYamlProject(workspace, "plugin-custom-timeouts", program, {
      pluginDirectory: PLUGIN_DIRECTORY,
      timeScale: 1,
      resourceOptions: { slow: { customTimeouts: { create: "3s" } } },
    });
    await initPluginStack(project, emulators, ["gigas"]);
    emulators.all.gigas.holdTransactions("vm.build");

    const failed = await timed("customTimeouts: the up that times out", () => project.run(["up", "--yes", "--skip-preview"], { expectFailure: true }));
    console.log(`customTimeouts: the up said:\n${failed}`);
    expect(failed).toMatch(/\(3s, customTimeouts\.create\)/);
    expect(emulators.all.gigas.virtualMachines()).toHaveLength(1);
    // The half-built VM stays in the stack (an initialization error), so the next up continues it.
    expect((await programResources(project, program)).get("slow")?.id).toBe(emulators.all.gigas.virtualMachines()[0].id);

    emulators.all.gigas.releaseHeldTransactions();
    await timed("customTimeouts: the up after the build ended", () => project.run(["up", "--yes", "--skip-preview"]));
    expect(emulators.all.gigas.virtualMachines()).toHaveLength(1);
    await project.run(["preview", "--expect-no-changes"]);
    await timed("customTimeouts: destroy (a VM delete takes 20 s of vendor time)", () => project.run(["destroy", "--yes", "--skip-preview"]));
    expect(emulators.all.gigas.virtualMachines()).toEqual([]);
  });
});

describe("a TypeScript program using the plugin (on PATH)", () => {
  const setup = usePluginWorkspace(TIME_SCALE);

  test("deploys a Gigahost zone and record as pulumi.CustomResource, previews clean, and destroys them", async () => {
    const { workspace, emulators } = setup;
    const source = `import * as pulumi from "@pulumi/pulumi";

/** A resource of the euro-hosting plugin, by its type token (no SDK needed). */
class EuroHostingResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}

const zone = new EuroHostingResource("euro-hosting:gigahost:DnsZone", "zone", { name: "plugin-typescript.no" });
new EuroHostingResource("euro-hosting:gigahost:DnsRecord", "www", { zoneId: zone.id, name: "www", type: "A", value: "192.0.2.10", ttl: 300 });

export const zoneId = zone.id;
`;
    const project = createTypeScriptProject(workspace, "plugin-typescript", source, { pluginOnPath: true, timeScale: TIME_SCALE });
    await initPluginStack(project, emulators, ["gigahost"]);

    await timed("typescript: up", () => project.run(["up", "--yes", "--skip-preview"]));
    const zone = emulators.all.gigahost.zones().find((candidate) => candidate.zone_name === "plugin-typescript.no");
    expect(zone).toBeDefined();
    expect(emulators.all.gigahost.records(zone!.zone_id).filter((record) => record.record_name === "www")).toMatchObject([{ record_type: "A", record_value: "192.0.2.10" }]);
    await timed("typescript: preview --refresh --expect-no-changes", () => project.run(["preview", "--refresh", "--expect-no-changes"]));
    await timed("typescript: destroy", () => project.run(["destroy", "--yes", "--skip-preview"]));
    expect(emulators.all.gigahost.zones().filter((candidate) => candidate.zone_name === "plugin-typescript.no")).toEqual([]);
  });
});

describe("the plugin installed from its tarball (npm run plugin:tarball)", () => {
  const setup = usePluginWorkspace(TIME_SCALE);

  test("pulumi plugin install resource euro-hosting <version> --file <tarball> into a fresh PULUMI_HOME; a YAML program naming no plugin path uses it", async () => {
    const { workspace, emulators } = setup;
    const version = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;
    // test:e2e has just built dist/.
    const tarball = await timed("installed: npm run plugin:tarball", async () =>
      execFileSync("npm", ["run", "--silent", "plugin:tarball", "--", "--no-build", "--out", path.join(workspace.root, "tarball")], {
        cwd: REPO,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      })
        .trim()
        .split("\n")
        .pop() as string,
    );
    expect(path.basename(tarball)).toMatch(new RegExp(`^pulumi-resource-euro-hosting-v${version.replace(/\./g, "\\.")}-[a-z]+-[a-z0-9]+\\.tar\\.gz$`));

    const pulumiHome = path.join(workspace.root, "installed-pulumi-home");
    const program: PluginProgram = {
      vendor: "gigahost",
      resources: [
        { name: "zone", kind: "gigahost:DnsZone", properties: { name: "plugin-installed.no" } },
        { name: "www", kind: "gigahost:DnsRecord", properties: { zoneId: "${zone.zoneId}", name: "www", type: "A", value: "192.0.2.20", ttl: 300 } },
      ],
    };
    const project = createYamlProject(workspace, "plugin-installed", program, { timeScale: TIME_SCALE, pulumiHome });
    // Only plugins in PULUMI_HOME: none found on PATH.
    project.env.PULUMI_IGNORE_AMBIENT_PLUGINS = "true";

    await timed("installed: pulumi plugin install", () => project.run(["plugin", "install", "resource", "euro-hosting", version, "--file", tarball]));
    expect(fs.existsSync(path.join(pulumiHome, "plugins", `resource-euro-hosting-v${version}`, "pulumi-resource-euro-hosting"))).toBe(true);
    expect(await project.run(["plugin", "ls"])).toMatch(new RegExp(`euro-hosting\\s+resource\\s+${version.replace(/\./g, "\\.")}`));

    await initPluginStack(project, emulators, ["gigahost"]);
    await timed("installed: up", () => project.run(["up", "--yes", "--skip-preview"]));
    const zone = emulators.all.gigahost.zones().find((candidate) => candidate.zone_name === "plugin-installed.no");
    expect(emulators.all.gigahost.records(zone!.zone_id).filter((record) => record.record_name === "www")).toMatchObject([{ record_type: "A", record_value: "192.0.2.20" }]);
    await project.run(["preview", "--expect-no-changes"]);
    await timed("installed: destroy", () => project.run(["destroy", "--yes", "--skip-preview"]));
    expect(emulators.all.gigahost.zones().filter((candidate) => candidate.zone_name === "plugin-installed.no")).toEqual([]);
  });
});
