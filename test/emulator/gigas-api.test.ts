import { createEmulatorClock, startEmulatorServer, type EmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAS_API_KEY, DEFAULT_GIGAS_PASSWORD, DEFAULT_GIGAS_USERNAME, GigasEmulator } from "../../emulator/gigas";
import { callJson } from "./harness";

let server: EmulatorServer;
let gigas: GigasEmulator;
let base: string;
const key = `Bearer ${DEFAULT_GIGAS_API_KEY}`;

beforeEach(async () => {
  gigas = new GigasEmulator({ clock: createEmulatorClock() });
  server = await startEmulatorServer([gigas]);
  base = server.urlFor("gigas");
});
afterEach(() => server.close());

const vmBody = {
  label: "mynewserver",
  note: "",
  memory: 512,
  cpus: 1,
  cpu_type: "intel",
  template_id: "2266610116",
  hostname: "mynewserver",
  location_id: "226661012",
  primary_disk_size: 5,
  swap_disk_size: 1,
  default_firewall_policy: "ACCEPT",
  initial_root_password: "yourpassword",
};

test("the quickstart, step by step: accounts, locations, templates, create (202 + queue_token), transaction pending → Completed", async () => {
  expect(server.url).toMatch(/^http:/);
  expect((await callJson(`${base}/accounts`, "GET")).status).toBe(401);
  const accounts = await callJson(`${base}/accounts`, "GET", undefined, key);
  expect(accounts.body).toEqual([expect.objectContaining({ id: 22666, status: "Active", category_slug: "cloud-datacenter" })]);
  expect((await callJson(`${base}/account/22666/locations`, "GET", undefined, key)).body.map((l: any) => l.label)).toEqual(["Spain", "Miami"]);
  const templates = await callJson(`${base}/account/22666/templates`, "GET", undefined, key);
  expect(templates.body[1]).toMatchObject({ id: "226661014", min_disk_size: 5, min_memory_size: 0, allowed_swap: 1 });

  const created = await callJson(`${base}/account/22666/virtual_machine`, "POST", vmBody, key);
  expect(created.status).toBe(202);
  expect(created.body).toMatchObject({ status: "unbuilt", locked: true, error: 0, initial_password: "yourpassword" });
  const status = `${base}/account/22666/transaction/${created.body.queue_token}/status`;
  expect((await callJson(status, "GET", undefined, key)).body).toEqual({ status: "pending" });
  gigas.clock.advance(90_000);
  expect((await callJson(status, "GET", undefined, key)).body).toEqual({ status: "Completed", updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) });
  expect((await callJson(`${base}/account/22666/virtual_machine/${created.body.id}`, "GET", undefined, key)).body).toMatchObject({ status: "online", locked: false });
});

test("refusals: template minimums, hostname rule, locked VMs, disks that would shrink", async () => {
  const refuse = async (body: object, pattern: RegExp) => {
    const answer = await callJson(`${base}/account/22666/virtual_machine`, "POST", { ...vmBody, ...body }, key);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(pattern);
  };
  await refuse({ template_id: "2266610120" }, /memory must be at least 1024 MB/);
  await refuse({ primary_disk_size: 4 }, /primary_disk_size must be at least 5 GB/);
  await refuse({ hostname: "1abc" }, /must not start with a number/);
  await refuse({ template_id: "2266610130", memory: 4096, primary_disk_size: 40 }, /does not allow a swap disk/);

  const created = await callJson(`${base}/account/22666/virtual_machine`, "POST", vmBody, key);
  const vm = `${base}/account/22666/virtual_machine/${created.body.id}`;
  const busy = await callJson(vm, "PUT", { memory: 1024 }, key);
  expect(busy.status).toBe(409);
  expect(busy.body.error).toMatch(/is locked by another operation/);
  gigas.clock.advance(90_000);
  const disks = await callJson(`${base}/account/22666/disks?virtual_machine_id=${created.body.id}`, "GET", undefined, key);
  const primary = disks.body.find((d: any) => d.primary);
  const shrink = await callJson(`${base}/account/22666/disk/${primary.id}`, "PUT", { disk_size: 2 }, key);
  expect(shrink.status).toBe(400);
  // label/note apply at once (200), memory queues (202)
  expect((await callJson(vm, "PUT", { label: "renamed" }, key)).status).toBe(200);
  const resized = await callJson(vm, "PUT", { memory: 1024 }, key);
  expect(resized.status).toBe(202);
  expect(resized.body.queue_token).toBeTruthy();
});

test("pagination: offset/limit with X-Total, X-Total-Pages, X-Per-Page, X-Page (the docs' example)", async () => {
  for (let i = 0; i < 41; i++) gigas.addTemplate({ label: `t${i}` });
  const page = await callJson(`${base}/account/22666/templates?offset=3&limit=3`, "GET", undefined, key);
  expect(page.body).toHaveLength(3);
  expect(page.headers.get("x-total")).toBe("46");
  expect(page.headers.get("x-total-pages")).toBe("16");
  expect(page.headers.get("x-per-page")).toBe("3");
  expect(page.headers.get("x-page")).toBe("2");
  // without limit, the (guessed) default page size applies
  expect((await callJson(`${base}/account/22666/templates`, "GET", undefined, key)).body).toHaveLength(46);
});

test("sessions: POST /token, refresh, expiry through the admin route", async () => {
  const login = await callJson(`${base}/token`, "POST", { login: DEFAULT_GIGAS_USERNAME, password: DEFAULT_GIGAS_PASSWORD, readonly: false });
  expect(login.body).toEqual({ token: expect.any(String), expires: expect.any(Number), refresh_token: expect.any(String), refresh_expires: login.body.expires + 1500 });
  const bearer = `Bearer ${login.body.token}`;
  expect((await callJson(`${base}/accounts`, "GET", undefined, bearer)).status).toBe(200);
  await callJson(`${server.url}/_admin/gigas/tokens/expire`, "POST", {});
  expect((await callJson(`${base}/accounts`, "GET", undefined, bearer)).status).toBe(401);
  const refreshed = await callJson(`${base}/token/refresh`, "POST", { refresh_token: login.body.refresh_token });
  expect((await callJson(`${base}/accounts`, "GET", undefined, `Bearer ${refreshed.body.token}`)).status).toBe(200);
  // a refresh token is used once
  expect((await callJson(`${base}/token/refresh`, "POST", { refresh_token: login.body.refresh_token })).status).toBe(401);
  expect((await callJson(`${base}/token`, "POST", { login: DEFAULT_GIGAS_USERNAME, password: "wrong" })).status).toBe(401);
});

test("admin routes: fail the next transaction, lock a VM, out-of-band changes; snapshot and restore", async () => {
  const admin = `${server.url}/_admin/gigas`;
  expect((await callJson(`${admin}/transactions/fail-next`, "POST", { kind: "vm.build", message: "No capacity" })).status).toBe(200);
  const created = await callJson(`${base}/account/22666/virtual_machine`, "POST", vmBody, key);
  gigas.clock.advance(90_000);
  const status = await callJson(`${base}/account/22666/transaction/${created.body.queue_token}/status`, "GET", undefined, key);
  expect(status.body).toMatchObject({ status: "Failed", message: "No capacity" });
  expect(gigas.virtualMachine(created.body.id)).toMatchObject({ status: "unbuilt", locked: false, error: 1 });

  const rebuild = await callJson(`${base}/account/22666/virtual_machine/${created.body.id}/build`, "POST", {}, key);
  expect(rebuild.status).toBe(202);
  gigas.clock.advance(90_000);
  expect(gigas.virtualMachine(created.body.id)?.status).toBe("online");

  expect((await callJson(`${admin}/virtual_machines/${created.body.id}/lock`, "POST", { ms: 10_000 })).status).toBe(200);
  expect((await callJson(`${base}/account/22666/virtual_machine/${created.body.id}`, "DELETE", undefined, key)).status).toBe(409);
  gigas.clock.advance(10_000);
  expect((await callJson(`${admin}/virtual_machines/${created.body.id}`, "PUT", { label: "panel" })).body.label).toBe("panel");

  const saved = gigas.snapshot();
  expect((await callJson(`${admin}/virtual_machines/${created.body.id}`, "DELETE")).status).toBe(200);
  expect((await callJson(`${base}/account/22666/virtual_machine/${created.body.id}`, "GET", undefined, key)).status).toBe(404);
  gigas.restore(JSON.parse(JSON.stringify(saved)));
  expect((await callJson(`${base}/account/22666/virtual_machine/${created.body.id}`, "GET", undefined, key)).body.label).toBe("panel");
});

test("the emulator CLI serves Gigas under /gigas with its default credentials", async () => {
  const { main } = await import("../../emulator/cli");
  const lines: string[] = [];
  const cli = await main(["--port", "0", "--quiet"], (line) => lines.push(line));
  try {
    const gigasLine = lines.find((line) => line.startsWith("gigas "))!;
    expect(gigasLine).toMatch(/^gigas +http:\/\/127\.0\.0\.1:\d+\/gigas$/);
    expect(lines.join("\n")).toContain(DEFAULT_GIGAS_API_KEY);
    const answer = await callJson(`${gigasLine.split(/\s+/)[1]}/accounts`, "GET", undefined, key);
    expect(answer.status).toBe(200);
  } finally {
    await cli?.close();
  }
});
