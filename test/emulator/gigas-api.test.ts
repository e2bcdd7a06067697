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
  // every field of the quickstart's sample answer, with the sample's types
  const sample = {
    id: "226661014786", label: "mynewserver", hostname: "mynewserver", status: "unbuilt", locked: true, memory: 512, cpus: 1,
    cpu_type: "intel", disk_type: "virtio", disk_prefix: "vd", boot_type: "default", booted_from: "hd", location_id: "226661012",
    hypervisor_id: "226661013", template_id: "2266610116", initial_password: "yourpassword", remote_access_password: null,
    local_remote_access_port: null, operating_system: null, operating_system_distro: null, identifier: "4uxj2anxy5ddxp",
    type: "standard", cpu_shares: 1, account_id: 22666, user_id: "226661014577", created_at: "2026-02-25T15:55:33",
    updated_at: "2026-02-25T15:55:33", error: 0, queue_token: "dd8014ab-82ca-4f0b-a5f4-588d1237dc3c",
  };
  const typeOf = (value: unknown) => (value === null ? "null" : typeof value);
  for (const [field, value] of Object.entries(sample)) expect([field, typeOf(created.body[field])]).toEqual([field, typeOf(value)]);
  expect(created.body).toMatchObject({ disk_prefix: "vd", booted_from: "hd", identifier: expect.stringMatching(/^[0-9a-z]{14}$/) });
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
  // only "intel" is documented
  await refuse({ cpu_type: "amd" }, /cpu_type must be intel/);

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
  // the quickstart's answer: status (+ updated_at), nothing else
  expect(status.body).toEqual({ status: "Failed", updated_at: expect.any(String) });
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

test("a snapshot taken while a transaction is pending restores with the transaction still running: it ends on the restored clock", async () => {
  const created = await callJson(`${base}/account/22666/virtual_machine`, "POST", vmBody, key);
  const saved = JSON.parse(JSON.stringify(gigas.snapshot()));
  // Restored in place (the pending job must follow the restored records) and into a fresh emulator.
  gigas.restore(saved);
  const fresh = new GigasEmulator({ clock: gigas.clock });
  fresh.restore(saved);
  expect([gigas.virtualMachine(created.body.id)?.status, fresh.virtualMachine(created.body.id)?.status]).toEqual(["unbuilt", "unbuilt"]);
  gigas.clock.advance(90_000);
  expect([gigas.virtualMachine(created.body.id)?.status, fresh.virtualMachine(created.body.id)?.status]).toEqual(["online", "online"]);
  const status = await callJson(`${base}/account/22666/transaction/${created.body.queue_token}/status`, "GET", undefined, key);
  expect(status.body).toEqual({ status: "Completed", updated_at: expect.any(String) });
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

/** A built VM with an extra disk and a firewall rule, for the write-endpoint tests. */
async function builtVirtualMachine() {
  const created = await callJson(`${base}/account/22666/virtual_machine`, "POST", vmBody, key);
  gigas.clock.advance(90_000);
  const vmId: string = created.body.id;
  const nic = (await callJson(`${base}/account/22666/virtual_machine/${vmId}/network_interfaces`, "GET", undefined, key)).body[0];
  const disk = await callJson(`${base}/account/22666/disk`, "POST", { virtual_machine_id: vmId, disk_size: 5 }, key);
  gigas.clock.advance(20_000);
  const rule = await callJson(`${base}/account/22666/network_interface/${nic.id}/firewall_rule`, "POST", { command: "ACCEPT", protocol: "TCP", address: "", port: "22", order: 1 }, key);
  expect([disk.status, rule.status]).toEqual([202, 201]);
  return { vmId, nic, diskId: disk.body.id as string, ruleId: rule.body.id as string };
}

test("every write endpoint refuses a field it does not take: 400 naming it, nothing applied", async () => {
  const { vmId, nic, diskId, ruleId } = await builtVirtualMachine();
  const writes: [string, string, Record<string, unknown>][] = [
    ["POST", "/token", { login: DEFAULT_GIGAS_USERNAME, password: DEFAULT_GIGAS_PASSWORD, readonly: false }],
    ["POST", "/account/22666/virtual_machine", vmBody],
    ["PUT", `/account/22666/virtual_machine/${vmId}`, { label: "x" }],
    ["POST", `/account/22666/virtual_machine/${vmId}/build`, {}],
    ["POST", "/account/22666/disk", { virtual_machine_id: vmId, disk_size: 5 }],
    ["PUT", `/account/22666/disk/${diskId}`, { mount_point: "/x" }],
    ["POST", `/account/22666/network_interface/${nic.id}/firewall_rule`, { command: "DROP", protocol: "UDP", address: "", port: "53", order: 2 }],
    ["POST", `/account/22666/network_interface/${nic.id}/firewall_rules/apply`, {}],
    ["PUT", `/account/22666/firewall_rule/${ruleId}`, { port: "2222" }],
  ];
  const before = JSON.stringify(gigas.snapshot().data);
  for (const [method, path, body] of writes) {
    const answer = await callJson(`${base}${path}`, method, { ...body, colour: "blue" }, key);
    expect([method, path, answer.status, answer.body]).toEqual([method, path, 400, { error: "Unknown parameter: colour", code: 400, errors: { colour: ["is not a parameter of this request"] } }]);
  }
  expect(JSON.stringify(gigas.snapshot().data)).toBe(before);
});

test("Gigas firewall rules: a rule's order is not an edit field (refused); values outside the documented sets are refused, naming the field", async () => {
  const { ruleId } = await builtVirtualMachine();
  const rule = `${base}/account/22666/firewall_rule/${ruleId}`;
  const order = await callJson(rule, "PUT", { port: "22", order: 3 }, key);
  expect([order.status, order.body.errors]).toEqual([400, { order: ["is not a parameter of this request"] }]);
  const command = await callJson(rule, "PUT", { command: "REJECT" }, key);
  expect([command.status, command.body.errors]).toEqual([400, { command: ["must be ACCEPT or DROP"] }]);
  expect((await callJson(rule, "PUT", { network_interface_id: undefined, command: "DROP", protocol: "UDP", address: "0.0.0.0", port: "53" }, key)).status).toBe(200);
  const policy = await callJson(`${base}/account/22666/virtual_machine`, "POST", { ...vmBody, default_firewall_policy: "REJECT" }, key);
  expect([policy.status, policy.body.errors]).toEqual([400, { default_firewall_policy: ['must be ACCEPT or DROP (got "REJECT")'] }]);
  const cpu = await callJson(`${base}/account/22666/virtual_machine`, "POST", { ...vmBody, cpu_type: "amd" }, key);
  expect([cpu.status, cpu.body.errors]).toEqual([400, { cpu_type: ['must be intel (got "amd")'] }]);
});

test("Gigas disks, force_reboot: resizing a disk of a running VM needs it; with it the resize queues and reboots the VM", async () => {
  const { vmId, diskId } = await builtVirtualMachine();
  const disk = `${base}/account/22666/disk/${diskId}`;
  const refused = await callJson(disk, "PUT", { disk_size: 8 }, key);
  expect([refused.status, Object.keys(refused.body.errors)]).toEqual([400, ["force_reboot"]]);
  expect(gigas.disks().find((d) => d.id === diskId)?.disk_size).toBe(5);
  // metadata needs no reboot
  expect((await callJson(disk, "PUT", { autobackup: 1, mount_point: "/data" }, key)).status).toBe(200);
  const resized = await callJson(disk, "PUT", { disk_size: 8, force_reboot: true }, key);
  expect(resized.status).toBe(202);
  gigas.clock.advance(20_000);
  expect(gigas.transactions().find((t) => t.token === resized.body.queue_token)).toMatchObject({ status: "Completed", payload: { disk_size: 8, rebooted: [vmId] } });
  expect(gigas.disks().find((d) => d.id === diskId)?.disk_size).toBe(8);
  // a detached disk resizes without a reboot
  expect((await callJson(disk, "PUT", { virtual_machine_id: null }, key)).status).toBe(202);
  gigas.clock.advance(20_000);
  const detachedResize = await callJson(disk, "PUT", { disk_size: 9 }, key);
  expect(detachedResize.status).toBe(202);
  gigas.clock.advance(20_000);
  expect(gigas.disks().find((d) => d.id === diskId)?.disk_size).toBe(9);
  const shrink = await callJson(disk, "PUT", { disk_size: 4, force_reboot: true }, key);
  expect([shrink.status, shrink.body.errors]).toEqual([400, { disk_size: ["cannot be reduced (from 9 GB to 4 GB)"] }]);
  expect((await callJson(disk, "PUT", { force_reboot: "yes" }, key)).body.errors).toEqual({ force_reboot: ["must be true or false"] });
});

test("Gigas networks: IPs are found by the documented `ip` filter or listed per network; other filters are refused", async () => {
  const { nic } = await builtVirtualMachine();
  const onNetwork = await callJson(`${base}/account/22666/network/${nic.network_id}/ip_addresses`, "GET", undefined, key);
  expect(onNetwork.status).toBe(200);
  expect(onNetwork.body).toEqual([{ id: expect.any(String), address: expect.stringMatching(/^203\.0\.113\./), network_id: nic.network_id, network_interface_id: nic.id }]);
  const address = onNetwork.body[0].address;
  expect((await callJson(`${base}/account/22666/ip_addresses?ip=${address}`, "GET", undefined, key)).body).toEqual(onNetwork.body);
  expect((await callJson(`${base}/account/22666/ip_addresses?ip=192.0.2.99`, "GET", undefined, key)).body).toEqual([]);
  const guessed = await callJson(`${base}/account/22666/ip_addresses?virtual_machine_id=1`, "GET", undefined, key);
  expect([guessed.status, guessed.body.errors]).toEqual([400, { virtual_machine_id: ["is not a filter of this list"] }]);
  expect((await callJson(`${base}/account/22666/network/${nic.network_id}`, "GET", undefined, key)).body).toMatchObject({ id: nic.network_id, public: true });
});

test("2FA accounts: POST /token needs the RFC 6238 code of the account's secret, of this 30 s step or the one before or after", async () => {
  const { totpCode } = await import("../../provider/totp");
  const secret = "JBSWY3DPEHPK3PXP";
  // A clock that stands still unless told, so no step boundary passes between computing a code and sending it.
  let now = 1_750_000_005_000;
  const clock = { scale: 1, now: () => now, advance: (ms: number) => void (now += ms) };
  const twoFactor = new GigasEmulator({ clock, users: [{ login: "2fa@example.es", password: "pw-2fa-account", totpSecret: secret }] });
  const own = await startEmulatorServer([twoFactor]);
  try {
    const token = (totp?: string) =>
      callJson(`${own.urlFor("gigas")}/token`, "POST", { login: "2fa@example.es", password: "pw-2fa-account", readonly: false, ...(totp === undefined ? {} : { totp }) });
    const missing = await token();
    expect([missing.status, missing.body.error]).toEqual([401, expect.stringMatching(/valid totp code is required/)]);
    expect((await token(totpCode(secret, now))).status).toBe(200);
    expect((await token(totpCode(secret, now - 30_000))).status).toBe(200);
    expect((await token(totpCode(secret, now + 30_000))).status).toBe(200);
    const codes = [-90_000, -60_000, -30_000, 0, 30_000, 60_000].map((offset) => totpCode(secret, now + offset));
    // This secret's codes around this instant are all different, so the refusals below are of stale codes, not of lookalikes.
    expect(new Set(codes).size).toBe(codes.length);
    expect((await token(codes[0])).status).toBe(401);
    expect((await token(codes[1])).status).toBe(401);
    expect((await token(codes[5])).status).toBe(401);
    // The step a code was accepted in ends: a minute later the same code is refused.
    const used = totpCode(secret, now);
    clock.advance(60_000);
    expect((await token(used)).status).toBe(401);
  } finally {
    await own.close();
  }
});

test("Gigas network interfaces and IPs: attach (queued), edit, Set default policy, add an IP (201), unassign the only IP removes the interface; refusals name the field", async () => {
  const created = await callJson(`${base}/account/22666/virtual_machine`, "POST", vmBody, key);
  gigas.clock.advance(90_000);
  const vmId = created.body.id;
  const network = gigas.addNetwork({ label: "private", location_id: "226661012" }).id;
  const far = gigas.addNetwork({ label: "far", location_id: "226661013" }).id;
  const attach = (body: Record<string, unknown>) => callJson(`${base}/account/22666/network_interface`, "POST", body, key);
  const farAnswer = await attach({ virtual_machine_id: vmId, network_id: far, label: "far" });
  expect(farAnswer).toMatchObject({ status: 400, body: { errors: { network_id: [expect.stringMatching(/not in the virtual machine's location/)] } } });
  expect((await attach({ virtual_machine_id: vmId, network_id: network, label: "x", default_firewall_policy: "REJECT" })).body.errors).toHaveProperty("default_firewall_policy");
  const attached = await attach({ virtual_machine_id: vmId, network_id: network, label: "private" });
  expect(attached).toMatchObject({ status: 202, body: { status: "pending", primary: false, network_id: network, queue_token: expect.any(String) } });
  const iface = `${base}/account/22666/network_interface/${attached.body.id}`;
  // attaching holds the VM
  expect((await attach({ virtual_machine_id: vmId, network_id: network, label: "second" })).status).toBe(409);
  gigas.clock.advance(15_000);
  expect((await callJson(iface, "GET", undefined, key)).body).toMatchObject({ status: "active" });

  expect(await callJson(iface, "PUT", { label: "renamed" }, key)).toMatchObject({ status: 200, body: { label: "renamed" } });
  expect((await callJson(iface, "PUT", { default_firewall_policy: "DROP" }, key)).body.errors).toHaveProperty("default_firewall_policy");
  expect(await callJson(`${iface}/default_firewall_policy`, "PUT", { default_firewall_policy: "DROP" }, key)).toMatchObject({ status: 200, body: { default_firewall_policy: "DROP" } });

  const addIp = (body: Record<string, unknown>) => callJson(`${base}/account/22666/network/${network}/ip_address`, "POST", body, key);
  expect((await addIp({ address: "10.0.0.300" })).body.errors).toHaveProperty("address");
  expect((await addIp({ address: "10.0.0.5", network_interface_id: "1" })).body.errors).toHaveProperty("network_interface_id");
  const ip = await addIp({ address: "10.0.0.5", network_interface_id: attached.body.id, netmask: "255.255.255.0", disallowed_primary: true });
  expect(ip).toMatchObject({ status: 201, body: { address: "10.0.0.5", network_id: network, network_interface_id: attached.body.id, netmask: "255.255.255.0", disallowed_primary: true } });
  expect(ip.body).not.toHaveProperty("virtual_machine_id");
  expect((await addIp({ address: "10.0.0.5" })).body.errors).toHaveProperty("address");
  expect((await callJson(`${base}/account/22666/network/${network}/ip_addresses`, "GET", undefined, key)).body.map((i: any) => i.address)).toEqual(["10.0.0.5"]);

  // the primary interface is not deleted on its own (a guess); unassigning the only IP removes the interface (the page)
  const primary = gigas.interfaces().find((i) => i.virtual_machine_id === vmId && i.primary)!;
  expect((await callJson(`${base}/account/22666/network_interface/${primary.id}`, "DELETE", undefined, key)).status).toBe(400);
  expect((await callJson(`${iface}/ip_address/${ip.body.id}`, "DELETE", undefined, key)).status).toBe(204);
  expect((await callJson(iface, "GET", undefined, key)).status).toBe(404);
  expect((await callJson(`${iface}/ip_address/${ip.body.id}`, "DELETE", undefined, key)).status).toBe(404);
});
