import * as fs from "node:fs";
import * as path from "node:path";
import { Project, REPO, useWorkspaceAndEmulators } from "./support";
import { leftovers } from "../support/demoFixture";

/**
 * Every example program through the real Pulumi CLI against the emulators: up, a clean preview,
 * an out-of-band change that `preview --refresh` reports by property name, `refresh`, an `up`
 * that restores the declared value, a clean preview again, secrets absent from the exported
 * state, and a destroy that leaves nothing at the vendors.
 */
const TIME_SCALE = 240;

interface Drift {
  /** Changes one object at the vendor through the emulator's admin endpoint. */
  apply(base: string): Promise<void>;
  /** The resource property that the change shows up in. */
  property: string;
}

async function admin(base: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}/_admin${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_admin${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

type Row = Record<string, unknown>;
const zoneidApexA = async (base: string): Promise<Row> => {
  const records = (await admin(base, "GET", "/zoneid/zones/example-shop.ee/records")) as Row[];
  const record = records.find((r) => r.recordType === "a" && r.delete !== false);
  if (!record) throw new Error(`no user A record in ${JSON.stringify(records)}`);
  return record;
};

const DRIFTS: Record<string, Drift> = {
  "gigahost-dns": {
    property: "value",
    apply: async (base) => {
      const [zone] = (await admin(base, "GET", "/gigahost/zones")) as Row[];
      const records = (await admin(base, "GET", `/gigahost/zones/${zone.zone_id}/records`)) as Row[];
      const www = records.find((r) => r.record_name === "www");
      if (!www) throw new Error(`no www record in ${JSON.stringify(records)}`);
      await admin(base, "PUT", `/gigahost/zones/${zone.zone_id}/records/${www.record_id}`, { value: "elsewhere.example.net" });
    },
  },
  "gigahost-server": {
    property: "name",
    apply: async (base) => void (await admin(base, "PATCH", "/gigahost/servers/3000", { label: "renamed-out-of-band" })),
  },
  "zoneid-dns": {
    property: "destination",
    apply: async (base) => {
      const record = await zoneidApexA(base);
      await admin(base, "PUT", `/zoneid/zones/example-shop.ee/records/a/${record.id}`, { destination: "198.51.100.99" });
    },
  },
  "gigas-vm": {
    property: "memory",
    apply: async (base) => {
      const [vm] = (await admin(base, "GET", "/gigas/virtual_machines")) as Row[];
      await admin(base, "PUT", `/gigas/virtual_machines/${vm.id}`, { memory: 4096 });
    },
  },
  "gandi-site": {
    // Not the size (Gandi resizes only legacy s…xxl instances) nor the storage (it only grows): neither could be restored.
    property: "name",
    apply: async (base) => {
      const [instance] = (await admin(base, "GET", "/gandi/instances")) as Row[];
      await admin(base, "PATCH", `/gandi/instances/${instance.id}`, { name: "renamed-out-of-band" });
    },
  },
  showcase: {
    property: "destination",
    apply: async (base) => {
      const record = await zoneidApexA(base);
      await admin(base, "PUT", `/zoneid/zones/example-shop.ee/records/a/${record.id}`, { destination: "198.51.100.99" });
    },
  },
};

const EXAMPLES = Object.keys(DRIFTS);

describe.each(EXAMPLES)("examples/%s with the Pulumi CLI", (example) => {
  const setup = useWorkspaceAndEmulators(TIME_SCALE);

  test("up, drift, refresh, restore, destroy", async () => {
    const { workspace, emulators } = setup;
    const program = fs.readFileSync(path.join(REPO, "examples", example, "index.ts"), "utf8");
    const project = Project.create(workspace, example, program, { EURO_HOSTING_TIME_SCALE: String(TIME_SCALE) });
    await project.initStack(emulators.config);
    const base = emulators.server.url;

    await project.run(["up", "--yes", "--skip-preview"]);
    await project.run(["preview", "--expect-no-changes"]);

    const state = await project.exportState();
    for (const secret of emulators.secrets) expect(state.text).not.toContain(secret);
    const ours = state.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
    expect(ours.length).toBeGreaterThan(0);
    const stubs = ours.map((r) => String(r.outputs?.__provider ?? "").length);
    console.log(
      `${example}: ${state.resources.length} resources in state (${ours.length} ours), ${state.text.length} bytes, ` +
        `${Math.round(state.text.length / state.resources.length)} bytes per resource; provider stub ${Math.min(...stubs)}-${Math.max(...stubs)} bytes`,
    );
    // Only the small stub: the provider's code is loaded from the installed package, not stored per resource.
    expect(Math.max(...stubs)).toBeLessThanOrEqual(1536);

    await DRIFTS[example].apply(base);
    const drifted = await project.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { expectFailure: true });
    expect(drifted).toMatch(new RegExp(`[-~+]\\s*${DRIFTS[example].property}\\b`));

    await project.run(["refresh", "--yes", "--skip-preview"]);
    await project.run(["preview", "--expect-no-changes"], { expectFailure: true });
    await project.run(["up", "--yes", "--skip-preview"]);
    await project.run(["preview", "--refresh", "--expect-no-changes"]);

    await project.run(["destroy", "--yes", "--skip-preview"]);
    expect(leftovers(emulators.all)).toEqual([]);
    expect((await project.exportState()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
  });
});
