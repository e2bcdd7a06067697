import * as path from "node:path";
import { GIGAS_TRANSACTION_DURATIONS } from "../emulator/gigas";
import * as gandi from "../resources/gandi";
import * as gigahost from "../resources/gigahost";
import * as gigas from "../resources/gigas";
import * as zoneid from "../resources/zoneid";
import { programResource } from "../test/harness/engine";
import { ProviderHost } from "../test/harness/providerHost";
import { deployProgram, destroyAll, programFromFile, refreshAll } from "../test/harness/program";
import { DemoFixture, startDemoEmulators } from "../test/support/demoFixture";
import { ScenarioResult, measure, round } from "./measure";

/** The demo emulators with `latencyMs` added to every answer. */
async function startAll(timeScale: number, latencyMs: number): Promise<DemoFixture> {
  const demo = await startDemoEmulators(timeScale);
  demo.fixture.server.setLatency(latencyMs);
  return demo;
}

/**
 * Scenario 2: 150 ZoneID records under the 60 requests per minute limit, on a
 * clock running 60× (a vendor minute is a second). Floor: API calls ÷ 60 per
 * minute. Times are in vendor time.
 */
export async function zoneidRateLimit(latencyMs: number): Promise<ScenarioResult> {
  const scale = 60;
  const { fixture } = await startAll(scale, latencyMs);
  try {
    const program = () =>
      Array.from({ length: 150 }, (_, i) => new zoneid.DnsRecord(`r${i}`, { zone: "example-shop.ee", type: "a", name: `host${i}`, destination: `10.1.${Math.floor(i / 200)}.${i % 200}` }));
    const first = fixture.server.requests.length;
    const result = await measure("zoneid: create 150 records at 60 requests/minute", fixture.server, { note: "calls ÷ 60 per minute (vendor time)" }, async () => {
      await deployProgram(fixture.engine, program);
    });
    // The request phase, from the first request's arrival to the last one's
    // answer, in vendor time: the harness's own work before the first request
    // (running the 150-resource program) is not the provider's pacing.
    const requests = fixture.server.requests.slice(first);
    const vendorMs = (requests[requests.length - 1].receivedAt - requests[0].receivedAt + latencyMs) * scale;
    const floorMs = (result.apiCalls / 60) * 60_000;
    const refused = fixture.server.requests.filter((r) => r.status === 429).length;
    return {
      ...result,
      scenario: result.scenario,
      lowerBound: { ...result.lowerBound, wallMs: Math.round(floorMs / scale) },
      ratio: { ...result.ratio, wallMs: round(vendorMs / floorMs) },
      extra: { vendorMinutes: round(vendorMs / 60_000), floorMinutes: round(floorMs / 60_000), answered429: refused },
    };
  } finally {
    await fixture.stop();
  }
}

/**
 * Scenario 2b: `pulumi refresh` of 150 ZoneID records of five types, in a new
 * provider process (a new CLI command), ten reads in flight as the CLI does,
 * on a clock running 60×. Floor: one listing per record type present (the
 * record lists answer every record of a type at once). Times are in vendor time.
 */
export async function zoneidRefresh(latencyMs: number): Promise<ScenarioResult> {
  const scale = 60;
  const { clock, fixture } = await startAll(scale, latencyMs);
  const zone = "example-shop.ee";
  const types = ["a", "aaaa", "txt", "mx", "cname"] as const;
  const recordArgs = (i: number): zoneid.DnsRecordArgs => {
    const type = types[i % types.length];
    const name = `refresh${i}`;
    if (type === "a") return { zone, type, name, destination: `10.2.0.${i}` };
    if (type === "aaaa") return { zone, type, name, destination: `2001:db8::${i.toString(16)}` };
    if (type === "txt") return { zone, type, name, destination: `bench=${i}` };
    if (type === "mx") return { zone, type, name, destination: `mx${i}.example.net`, priority: i };
    return { zone, type, name, destination: `target${i}.example.net` };
  };
  try {
    await deployProgram(fixture.engine, () => Array.from({ length: 150 }, (_, i) => new zoneid.DnsRecord(`refresh${i}`, recordArgs(i))));
    await fixture.newCommand();
    const first = fixture.server.requests.length;
    let refreshVendorMs = 0;
    const result = await measure("zoneid: refresh 150 records", fixture.server, { apiCalls: types.length, note: "one listing per record type present" }, async () => {
      const started = clock.now();
      await refreshAll(fixture.engine);
      refreshVendorMs = clock.now() - started;
    });
    // As for the creates: the request phase, from the first request's arrival to the last one's answer, in vendor time.
    const requests = fixture.server.requests.slice(first);
    const vendorMs = requests.length ? (requests[requests.length - 1].receivedAt - requests[0].receivedAt + latencyMs) * scale : 0;
    return {
      ...result,
      extra: {
        typesPresent: types.length,
        vendorMinutes: round(vendorMs / 60_000),
        refreshVendorMinutes: round(refreshVendorMs / 60_000),
        answered429: requests.filter((r) => r.status === 429).length,
      },
    };
  } finally {
    await fixture.stop();
  }
}

/**
 * Scenario 3: how soon the provider notices that an asynchronous vendor job
 * finished, and how many polls it spent. Latency = time the create took
 * minus the job's duration at the vendor (both in vendor time), so it also
 * includes the reads the resource makes after the job ended.
 */
export async function asyncJobs(latencyMs: number): Promise<ScenarioResult[]> {
  // Request latency is real time while vendor jobs run on the accelerated
  // clock: every request after the job ends adds latency × scale of vendor
  // time to the measured delay. A modest scale keeps that artifact small.
  const scale = 10;
  const { clock, fixture } = await startAll(scale, latencyMs);
  const results: ScenarioResult[] = [];
  try {
    const cases = [
      {
        name: "gigahost snapshot (3 min)",
        durationMs: 3 * 60_000,
        pollPath: /\/servers\/3000\/snapshots$/,
        resource: () => new gigahost.ServerSnapshot("bench-snap", { serverId: "3000", name: "bench" }),
      },
      {
        name: "gigas VM build (90 s)",
        durationMs: GIGAS_TRANSACTION_DURATIONS["vm.build"],
        pollPath: /\/transaction\/[^/]+\/status$/,
        resource: () =>
          new gigas.VirtualMachine("bench-vm", { label: "bench", hostname: "bench1", templateId: 2266610120, locationId: 226661012, memory: 1024, cpus: 1, primaryDiskSize: 20 }),
      },
      {
        name: "gandi instance (20 s billing + 3 min provisioning)",
        durationMs: 20_000 + 3 * 60_000,
        pollPath: /\/instances\/[0-9a-f-]{36}$/,
        resource: () => new gandi.SimpleHostingInstance("bench-site", { name: "bench-site", location: "FR", size: "starter", database: "mysql", language: "php" }),
      },
    ];
    for (const job of cases) {
      const resource = await programResource(job.resource);
      const before = fixture.server.requests.length;
      let vendorMs = 0;
      const result = await measure(`async job: ${job.name}`, fixture.server, { note: "latency ≤ max(1 s, 10% of the job)" }, async () => {
        const started = clock.now();
        await fixture.engine.up(resource);
        vendorMs = clock.now() - started;
      });
      const polls = fixture.server.requests.slice(before).filter((r) => r.method === "GET" && job.pollPath.test(r.path)).length;
      const latencyMs = Math.max(0, vendorMs - job.durationMs);
      const targetMs = Math.max(1000, job.durationMs / 10);
      results.push({ ...result, extra: { vendorSeconds: round(vendorMs / 1000), detectionLatencySeconds: round(latencyMs / 1000), targetSeconds: round(targetMs / 1000), polls } });
    }
  } finally {
    await fixture.stop();
  }
  return results;
}

/** Issue 17's bounds: the provider stub (stored twice per resource), and a DNS record's state. */
const STUB_BOUND_BYTES = 1536;
const DNS_RECORD_STATE_BOUND_BYTES = 3072;

/**
 * Scenario 4: what each resource kind costs in state, and how fast a provider
 * process answers. State is the resource's stored inputs and outputs as JSON
 * (the `pulumi stack export` entry adds its URN, type and bookkeeping: the
 * e2e suite bounds that for a DNS record, test/e2e/template.e2e.ts). Bounds
 * are upper bounds; the ratio is size ÷ bound.
 */
export async function footprint(): Promise<ScenarioResult[]> {
  const { fixture } = await startAll(240, 0);
  const results: ScenarioResult[] = [];
  try {
    const byKind = new Map<string, { provider: number; state: number }>();
    for (const example of ["showcase", "gigahost-dns", "gigas-vm"]) {
      const program = programFromFile(path.resolve(__dirname, "../../examples", example, "index.ts"));
      for (const resource of await deployProgram(fixture.engine, program)) {
        const entry = fixture.engine.entry(resource.urn);
        const kind = resource.type.split("/").pop()!;
        const sizes = {
          provider: Buffer.byteLength(String(resource.inputs.__provider)),
          state: Buffer.byteLength(JSON.stringify({ inputs: entry.inputs, outputs: entry.outputs })),
        };
        const known = byKind.get(kind);
        byKind.set(kind, { provider: Math.max(known?.provider ?? 0, sizes.provider), state: Math.max(known?.state ?? 0, sizes.state) });
      }
      await destroyAll(fixture.engine);
    }
    for (const [kind, sizes] of [...byKind.entries()].sort()) {
      const dnsRecord = kind.endsWith(":DnsRecord");
      results.push({
        scenario: `footprint: ${kind}`,
        wallMs: 0,
        apiCalls: 0,
        lowerBound: {
          note: `largest instance in the examples; bounds: stub ≤ ${STUB_BOUND_BYTES} B${dnsRecord ? `, state ≤ ${DNS_RECORD_STATE_BOUND_BYTES} B` : ""}`,
        },
        ratio: {},
        extra: {
          serializedProviderBytes: sizes.provider,
          serializedProviderRatio: round(sizes.provider / STUB_BOUND_BYTES),
          stateBytes: sizes.state,
          ...(dnsRecord ? { stateRatio: round(sizes.state / DNS_RECORD_STATE_BOUND_BYTES) } : {}),
        },
      });
    }
    const sample = await programResource(() => new zoneid.DnsRecord("cold", { zone: "example-shop.ee", type: "a", name: "cold", destination: "192.0.2.1" }));
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const host = await ProviderHost.start();
      await host.configure({});
      await host.check(sample.urn, {}, sample.inputs);
      starts.push(performance.now() - started);
      await host.stop();
    }
    starts.sort((a, b) => a - b);
    results.push({
      scenario: "footprint: provider cold start to first answer (median of 5)",
      wallMs: Math.round(starts[2]),
      apiCalls: 0,
      lowerBound: { note: "process start + first Check" },
      ratio: {},
    });
  } finally {
    await fixture.stop();
  }
  return results;
}
