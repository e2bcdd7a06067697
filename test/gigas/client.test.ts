import { createEmulatorClock, startEmulatorServer, type EmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAS_API_KEY, DEFAULT_GIGAS_PASSWORD, DEFAULT_GIGAS_USERNAME, GigasEmulator, type GigasEmulatorOptions } from "../../emulator/gigas";
import { scaledClock } from "../../provider/clock";
import { ApiError, ConfigurationError, apiErrorFor } from "../../provider/errors";
import { GigasClient } from "../../provider/gigas/client";
import { waitForVirtualMachineUnlocked, whenUnlocked } from "../../provider/gigas/locks";
import { TransactionFailedError, waitForTransaction } from "../../provider/gigas/transactions";
import { gigasFieldErrors, gigasMessage } from "../../provider/gigas/wire";
import { memoryLogger } from "../../provider/log";
import { operationContext } from "../../provider/dynamic";
import { vendorSettings } from "../../provider/settings";
import { totpCode } from "../../provider/totp";

/** Emulator and client share one accelerated timeline: a 90 s build takes 0.15 s. */
const SCALE = 600;

let server: EmulatorServer | undefined;
afterEach(() => server?.close());

/** One timeline for emulator and client that moves only when told to (or when the client waits), so time-based verdicts do not depend on the machine's speed. */
function manualClock() {
  let now = 1_750_000_000_000;
  return { scale: 1, now: () => now, advance: (ms: number) => void (now += ms), sleep: async (ms: number) => void (now += ms) };
}

async function setUp(settings: Record<string, string>, options: GigasEmulatorOptions = {}, shared?: ReturnType<typeof manualClock>) {
  const gigas = new GigasEmulator({ clock: shared ?? createEmulatorClock({ scale: SCALE }), ...options });
  server = await startEmulatorServer([gigas]);
  const url = server.urlFor("gigas");
  const config: Record<string, string> = { "gigas:apiUrl": url };
  for (const [key, value] of Object.entries(settings)) config[`gigas:${key}`] = value;
  const clock = shared ?? scaledClock(SCALE);
  const logger = memoryLogger();
  const client = new GigasClient(vendorSettings("gigas", (key) => config[key], {}), { clock, logger });
  // Changed with issue 15: waits take the operation object (its deadline) instead of { timeoutMs, clock, logger }.
  return { gigas, server: server!, client, logger, wait: operationContext("update", 30 * 60_000, { settings: () => undefined, clock, logger }) };
}

const vmBody = (gigas: GigasEmulator) => ({
  label: "web",
  note: "",
  memory: 1024,
  cpus: 1,
  cpu_type: "intel",
  template_id: `${gigas.defaultAccountId}10116`,
  hostname: "web",
  location_id: `${gigas.defaultAccountId}1012`,
  primary_disk_size: 10,
  swap_disk_size: 1,
  default_firewall_policy: "ACCEPT",
  initial_root_password: "Initial-Secret-1",
});

test("missing credentials are one ConfigurationError naming config keys and variables", () => {
  expect(() => new GigasClient(vendorSettings("gigas", () => undefined, {}))).toThrow(ConfigurationError);
  expect(() => new GigasClient(vendorSettings("gigas", () => undefined, {}))).toThrow(
    /gigas:apiKey \/ GIGAS_API_KEY.*gigas:username \/ GIGAS_USERNAME.*gigas:password \/ GIGAS_PASSWORD.*gigas:totp \/ GIGAS_TOTP/,
  );
});

test("the only account is found automatically; several accounts are listed; gigas:accountId picks one", async () => {
  const one = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY });
  expect(await one.client.account()).toBe("22666");
  await one.server.close();

  const several = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY }, { accountIds: [22666, 31337] });
  await expect(several.client.account()).rejects.toThrow(/reach 2 accounts: 22666 \(cloud-datacenter.*\); 31337 .*gigas:accountId \/ GIGAS_ACCOUNT_ID/);
  await several.server.close();

  const picked = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY, accountId: "31337" }, { accountIds: [22666, 31337] });
  expect((await picked.client.listLocations()).map((l) => l.account_id)).toEqual(["31337", "31337"]);
  expect(picked.server.requests.some((r) => r.path.endsWith("/accounts"))).toBe(false);
});

test("lists are read page by page with offset/limit until X-Total", async () => {
  const { gigas, server, client } = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY });
  for (let i = 0; i < 130; i++) gigas.addTemplate({ label: `Extra ${i}` });
  const templates = await client.listTemplates();
  expect(templates).toHaveLength(135);
  expect(new Set(templates.map((t) => t.id)).size).toBe(135);
  const pages = server.requests.filter((r) => r.path.endsWith("/templates"));
  expect(pages.map((r) => [r.query.offset, r.query.limit])).toEqual([
    ["0", "100"],
    ["100", "100"],
  ]);
  expect(await client.listTemplates({ label: "Extra 7" })).toEqual([expect.objectContaining({ label: "Extra 7", min_disk_size: 0 })]);
});

test("a login session is reused, refreshed after it expires, and replaced by a new login when the refresh token is gone too", async () => {
  const { gigas, server, client } = await setUp({ username: DEFAULT_GIGAS_USERNAME, password: DEFAULT_GIGAS_PASSWORD });
  await client.listLocations();
  await client.listTemplates();
  const count = (path: string) => server.requests.filter((r) => r.method === "POST" && r.path.endsWith(path)).length;
  expect(count("/token")).toBe(1);

  gigas.expireSessions();
  await client.listNetworks();
  expect(count("/token/refresh")).toBe(1);
  expect(count("/token")).toBe(1);
  expect(server.requests.filter((r) => r.status === 401)).toHaveLength(1);

  gigas.expireSessions({ refreshTokens: true });
  await client.listNetworks();
  expect(count("/token/refresh")).toBe(2);
  expect(count("/token")).toBe(2);
});

test("a session is renewed before its `expires`, without a 401", async () => {
  // 90 s tokens, renewed 60 s before they expire: 40 s later the session is due for renewal but still valid.
  const clock = manualClock();
  const { server, client } = await setUp(
    { username: DEFAULT_GIGAS_USERNAME, password: DEFAULT_GIGAS_PASSWORD },
    { tokenLifetimeSeconds: 90 },
    clock,
  );
  await client.listLocations();
  expect(server.requests.filter((r) => r.path.endsWith("/token/refresh"))).toHaveLength(0);
  clock.advance(40_000);
  await client.listLocations();
  expect(server.requests.filter((r) => r.path.endsWith("/token/refresh"))).toHaveLength(1);
  expect(server.requests.filter((r) => r.status === 401)).toHaveLength(0);
});

test("2FA accounts send the totp code; without it the vendor's refusal is shown", async () => {
  const users = [{ login: "2fa@example.es", password: "pw-2fa-account", totp: "492039" }];
  const good = await setUp({ username: "2fa@example.es", password: "pw-2fa-account", totp: "492039" }, { users });
  expect(await good.client.account()).toBe("22666");
  await good.server.close();
  const bad = await setUp({ username: "2fa@example.es", password: "pw-2fa-account" }, { users });
  await expect(bad.client.account()).rejects.toThrow(/POST \/token answered 401: Two-factor authentication is enabled/);
});

test("a VM build is followed through the transaction queue from pending to Completed", async () => {
  const { gigas, client, wait } = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY });
  const vm = await client.createVirtualMachine(vmBody(gigas));
  expect(vm).toMatchObject({ status: "unbuilt", locked: true });
  expect(vm.queue_token).toBeTruthy();
  expect((await client.transactionStatus(vm.queue_token!)).status).toBe("pending");
  const done = await waitForTransaction(client, vm.queue_token!, "building web", wait);
  expect(done.status).toBe("Completed");
  expect(await client.getVirtualMachine(vm.id)).toMatchObject({ status: "online", locked: false, operating_system: "linux" });
});

test("any other terminal transaction status fails with the status and the transaction, the quickstart's only fields", async () => {
  const { gigas, client, wait } = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY });
  gigas.failNextTransaction({ kind: "vm.build", status: "Error" });
  const vm = await client.createVirtualMachine(vmBody(gigas));
  const failure = waitForTransaction(client, vm.queue_token!, "building web", wait);
  await expect(failure).rejects.toThrow(TransactionFailedError);
  await expect(failure).rejects.toThrow(`Gigas building web ended with status "Error" (transaction ${vm.queue_token})`);
  expect(await client.getVirtualMachine(vm.id)).toMatchObject({ status: "unbuilt", locked: false, error: true });
});

test("a VM locked by another operation refuses changes, and is waited for", async () => {
  // Time moves only when the client waits: the lock cannot run out while the refused request is on its way.
  const { gigas, client, wait } = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY }, {}, manualClock());
  const vm = await client.createVirtualMachine(vmBody(gigas));
  await waitForTransaction(client, vm.queue_token!, "building", wait);
  gigas.lockVirtualMachine(vm.id, 120_000);
  await expect(client.buildVirtualMachine(vm.id, { template_id: vm.template_id! })).rejects.toThrow(/answered 409: Virtual machine \d+ is locked/);
  const started = wait.clock.now();
  const free = await waitForVirtualMachineUnlocked(client, vm.id, "resizing", wait);
  expect(free?.locked).toBe(false);
  expect(wait.clock.now() - started).toBeGreaterThanOrEqual(120_000);
  expect(await waitForVirtualMachineUnlocked(client, "99999", "resizing", wait)).toBeUndefined();
});

test.each([
  ["Rails style (what the emulator answers)", { error: "cpu_type must be intel", code: 400, errors: { cpu_type: ["must be intel"] } }, [{ field: "cpu_type", message: "must be intel" }]],
  ["one text per field", { errors: { memory: "too small", note: "" } }, [{ field: "memory", message: "too small" }]],
  ["a list of {field, message}", { message: "Validation failed", errors: [{ field: "hostname", message: "is taken" }, { message: "no field" }] }, [{ field: "hostname", message: "is taken" }]],
  ["nested under error", { error: { message: "Invalid", errors: { disk_size: ["a", "b"] } } }, [{ field: "disk_size", message: "a, b" }]],
  ["no fields", { error: "Virtual machine 1 is locked by another operation", code: 409 }, []],
  ["not JSON", "Bad Gateway", []],
])("field errors: %s", (_shape, body, fields) => {
  expect(gigasFieldErrors(body)).toEqual(fields);
});

test("the error text is read from the usual keys", () => {
  expect([gigasMessage({ error: "a", code: 400 }), gigasMessage({ message: "b" }), gigasMessage({ error: { message: "c" } }), gigasMessage({ detail: "d" })]).toEqual(["a", "b", "c", "d"]);
});

test("a refusal that names fields carries them on the ApiError", async () => {
  const { gigas, client } = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY });
  const failure = await client.createVirtualMachine({ ...vmBody(gigas), cpu_type: "amd" }).catch((error) => error);
  expect(failure).toBeInstanceOf(ApiError);
  expect(failure.status).toBe(400);
  expect(failure.fieldErrors).toEqual([{ field: "cpu_type", message: 'must be intel (got "amd")' }]);
});

test("a VM's addresses come from its interfaces' networks (Gigas's network page), not an undocumented filter", async () => {
  const { gigas, server, client, wait } = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY });
  const one = await client.createVirtualMachine(vmBody(gigas));
  const two = await client.createVirtualMachine({ ...vmBody(gigas), hostname: "other", label: "other" });
  await waitForTransaction(client, two.queue_token!, "building", wait);
  const interfaces = await client.listVirtualMachineInterfaces(one.id);
  const ips = await client.listInterfaceIpAddresses(interfaces);
  expect(ips.map((ip) => ip.network_interface_id)).toEqual([interfaces[0].id]);
  const listed = server.requests.filter((r) => r.path.includes("ip_address"));
  expect(listed.map((r) => r.path)).toEqual([`/gigas/account/22666/network/${interfaces[0].network_id}/ip_addresses`]);
  expect(listed.every((r) => r.status === 200)).toBe(true);
});

test("a 423 Locked refusal, the other plausible answer for a busy VM, is waited out like the emulator's 409 locked", async () => {
  const { gigas, client, wait } = await setUp({ apiKey: DEFAULT_GIGAS_API_KEY });
  const vm = await client.createVirtualMachine(vmBody(gigas));
  await waitForTransaction(client, vm.queue_token!, "building", wait);
  const request = { vendor: "Gigas", method: "POST", path: `/account/22666/disk` };
  let attempts = 0;
  const result = await whenUnlocked(client, vm.id, "adding a disk", wait, async () => {
    attempts++;
    if (attempts === 1) throw apiErrorFor(request, 423, undefined);
    if (attempts === 2) throw apiErrorFor(request, 409, "Virtual machine is locked by another operation");
    return "done";
  });
  expect([result, attempts]).toEqual(["done", 3]);
  await expect(whenUnlocked(client, vm.id, "adding a disk", wait, async () => {
    throw apiErrorFor(request, 409, "Conflict: a disk with this mount point exists");
  })).rejects.toThrow(/answered 409/);
});

describe("2FA logins with gigas:totpSecret", () => {
  const secret = "JBSWY3DPEHPK3PXP";
  const users = [{ login: "2fa@example.es", password: "pw-2fa-account", totpSecret: secret }];

  function twoFactorSetUp(credential: Record<string, string>, clock: ReturnType<typeof manualClock>) {
    return setUp({ username: "2fa@example.es", password: "pw-2fa-account", ...credential }, { users }, clock);
  }

  /** A VM build during which the session (and its refresh token) stops working, ten minutes after the first login. */
  async function buildThroughExpiredSession(setUpResult: Awaited<ReturnType<typeof twoFactorSetUp>>, clock: ReturnType<typeof manualClock>) {
    const { gigas, client, wait } = setUpResult;
    const vm = await client.createVirtualMachine(vmBody(gigas));
    clock.advance(10 * 60_000);
    gigas.expireSessions({ refreshTokens: true });
    return waitForTransaction(client, vm.queue_token!, "building web", wait);
  }

  test("a session that expires mid-operation is replaced by a login with a fresh code from the secret", async () => {
    const clock = manualClock();
    const setUp = await twoFactorSetUp({ totpSecret: secret }, clock);
    const done = await buildThroughExpiredSession(setUp, clock);
    expect(done.status).toBe("Completed");
    const logins = setUp.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/token"));
    // Ten minutes apart: the emulator takes a code of the current step or the ones beside it only, so the second login had a fresh one.
    expect(logins.map((r) => r.status)).toEqual([200, 200]);
    // The expired session is refused, then its refresh token (expired with it), then a login with a fresh code succeeds.
    expect(setUp.server.requests.filter((r) => r.status === 401).map((r) => r.path)).toEqual([expect.stringMatching(/\/transaction\/.*\/status$/), "/gigas/token/refresh"]);
    expect(setUp.logger.lines.filter((line) => line.startsWith("warning"))).toEqual([]);
  });

  test("the same operation with a static gigas:totp code fails at the second login, and the log says to set gigas:totpSecret", async () => {
    const clock = manualClock();
    const setUp = await twoFactorSetUp({ totp: totpCode(secret, clock.now()) }, clock);
    await expect(buildThroughExpiredSession(setUp, clock)).rejects.toThrow(/POST \/token answered 401: Two-factor authentication is enabled/);
    expect(setUp.logger.lines.filter((line) => line.startsWith("warning"))).toEqual([
      expect.stringMatching(/one-time code from gigas:totp \/ GIGAS_TOTP.*set gigas:totpSecret \/ GIGAS_TOTP_SECRET/),
    ]);
  });
});
