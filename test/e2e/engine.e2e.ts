import { Project, useWorkspaceAndEmulators, waitFor } from "./support";
import { leftovers } from "../support/demoFixture";

/**
 * What only the real engine does: an `up` interrupted while a VM is being built, parallelism at
 * scale, and what `pulumi import` answers for our resources.
 */
const VM_PROGRAM = `import * as gigas from "pulumi-euro-hosting/gigas";

const vm = new gigas.VirtualMachine("app", {
  label: "app server",
  hostname: "app1",
  templateId: 2266610120,
  locationId: 226661012,
  memory: 2048,
  cpus: 2,
  primaryDiskSize: 20,
});

export const id = vm.virtualMachineId;
`;

// Slow enough that the build is still running when the CLI is interrupted.
const SLOW_TIME_SCALE = 4;

describe.each(["SIGINT", "SIGKILL"] as const)("pulumi up interrupted by %s while a VM is being built", (signal) => {
  const setup = useWorkspaceAndEmulators(SLOW_TIME_SCALE);

  test("the next up leaves exactly one VM and a clean state", async () => {
    const { workspace, emulators } = setup;
    const project = Project.create(workspace, `interrupted-${signal.toLowerCase()}`, VM_PROGRAM, { EURO_HOSTING_TIME_SCALE: String(SLOW_TIME_SCALE) });
    await project.initStack(emulators.config);

    const first = project.start(["up", "--yes", "--skip-preview"]);
    await waitFor(() => emulators.all.gigas.virtualMachines().length > 0, "the VM was ordered", first.child);
    // The whole process group: the CLI, its language host and the provider.
    process.kill(-(first.child.pid as number), signal);
    const interrupted = await first.done;
    console.log(`${signal}: the first up ended with ${interrupted.code ?? interrupted.signal}; its output:\n${interrupted.output}`);

    if (signal === "SIGKILL") {
      // A killed CLI leaves its lock on the file backend; `pulumi cancel` is the documented way out.
      const cancelled = await project.run(["cancel", "--yes"]);
      console.log(`${signal}: pulumi cancel said:\n${cancelled}`);
    }
    const second = await project.run(["up", "--yes", "--skip-preview"]);
    console.log(`${signal}: the second up said:\n${second}`);
    expect(emulators.all.gigas.virtualMachines()).toHaveLength(1);
    await project.run(["preview", "--refresh", "--expect-no-changes"]);
    // The engine keeps the interrupted create as a pending operation, although the second up created (found) the
    // resource; a refresh that clears pending creates drops it without touching the resource.
    await project.run(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    const state = await project.exportState();
    expect(JSON.parse(state.text).deployment.pending_operations ?? []).toEqual([]);
    expect(state.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/gigas:VirtualMachine")).toHaveLength(1);
    await project.run(["preview", "--expect-no-changes"]);

    await project.run(["destroy", "--yes", "--skip-preview"]);
    expect(leftovers(emulators.all)).toEqual([]);
  });
});

describe("300 records with --parallel 64", () => {
  const setup = useWorkspaceAndEmulators(240);

  test("up, a clean refresh preview, and destroy", async () => {
    const { workspace, emulators } = setup;
    const program = `import * as gigahost from "pulumi-euro-hosting/gigahost";

const zone = new gigahost.DnsZone("zone", { name: "many-records.no" });
for (let i = 0; i < 300; i++) {
  new gigahost.DnsRecord(\`host-\${i}\`, { zoneId: zone.zoneId, name: \`host-\${i}\`, type: "A", value: \`192.0.2.\${i % 250}\`, ttl: 300 });
}
`;
    const project = Project.create(workspace, "many-records", program);
    await project.initStack(emulators.config);
    const timed = async (label: string, args: string[]) => {
      const started = process.hrtime.bigint();
      await project.run(args);
      console.log(`300 records: ${label} took ${Number((process.hrtime.bigint() - started) / 1_000_000n) / 1000}s`);
    };
    await timed("up --parallel 64", ["up", "--yes", "--skip-preview", "--parallel", "64"]);
    const [zone] = emulators.all.gigahost.zones();
    expect(emulators.all.gigahost.records(zone.zone_id).filter((r) => r.record_name.startsWith("host-"))).toHaveLength(300);
    await timed("preview --refresh --expect-no-changes --parallel 64", ["preview", "--refresh", "--expect-no-changes", "--parallel", "64"]);
    await timed("destroy --parallel 64", ["destroy", "--yes", "--skip-preview", "--parallel", "64"]);
    expect(emulators.all.gigahost.zones()).toEqual([]);
  });
});

describe("pulumi import", () => {
  const setup = useWorkspaceAndEmulators(240);

  test("is refused for dynamic resources (README: adopt instead)", async () => {
    const { workspace, emulators } = setup;
    const project = Project.create(workspace, "importing", `export {};\n`);
    await project.initStack(emulators.config);
    const zone = emulators.all.gigahost.addZone({ name: "existing.no" });
    const output = await project.run(["import", "pulumi-nodejs:dynamic:Resource", "zone", zone.zone_id, "--yes"], { expectFailure: true });
    console.log(`pulumi import said:\n${output}`);
    expect(output).toMatch(/error/i);
    expect((await project.exportState()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
  });
});
