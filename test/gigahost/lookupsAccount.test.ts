import * as pulumi from "@pulumi/pulumi";
import { EmulatorServer, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, DEFAULT_GIGAHOST_PASSWORD, DEFAULT_GIGAHOST_USERNAME, GigahostEmulator } from "../../emulator/gigahost";
import { TerrahostEmulator } from "../../emulator/terrahost";
import * as gigahost from "../../resources/gigahost";
import * as terrahost from "../../resources/terrahost";

let server: EmulatorServer;
let gigahostApi: GigahostEmulator;
let terrahostApi: TerrahostEmulator;

const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example.no";

/** The stack's config: an API key, or a login (username and password). */
function configure(credentials: "apiKey" | "login") {
  const brand = (name: string) =>
    credentials === "apiKey"
      ? { [`${name}:apiKey`]: DEFAULT_GIGAHOST_API_KEY }
      : { [`${name}:username`]: DEFAULT_GIGAHOST_USERNAME, [`${name}:password`]: DEFAULT_GIGAHOST_PASSWORD };
  pulumi.runtime.setAllConfig(
    { "gigahost:apiUrl": server.urlFor("gigahost"), "terrahost:apiUrl": server.urlFor("terrahost"), ...brand("gigahost"), ...brand("terrahost") },
    ["gigahost:apiKey", "terrahost:apiKey", "gigahost:password", "terrahost:password"],
  );
}

beforeAll(async () => {
  gigahostApi = new GigahostEmulator();
  terrahostApi = new TerrahostEmulator();
  server = await startEmulatorServer([gigahostApi, terrahostApi]);
  await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
});

afterAll(async () => {
  await server.close();
});

test("getAccount reads the profile and the account's SSH keys, with their fingerprints", async () => {
  configure("apiKey");
  gigahostApi.account.addSshKey({ name: "laptop", key: ED25519 });
  const account = await gigahost.getAccount();
  expect(account).toMatchObject({ customerId: "10001", email: DEFAULT_GIGAHOST_USERNAME });
  expect(account.sshKeys).toEqual([{ keyId: expect.any(String), name: "laptop", publicKey: ED25519, fingerprint: gigahost.sshKeyFingerprint(ED25519), createdAt: expect.any(String) }]);
});

test("getMyAccount and getMyInvoices need a login at both brands; an API key is refused with what to configure", async () => {
  configure("apiKey");
  await expect(gigahost.getMyAccount()).rejects.toThrow(/getMyAccount: Gigahost refuses API keys on its \/my endpoints .*configure gigahost:username and gigahost:password/);
  await expect(terrahost.getMyInvoices()).rejects.toThrow(/getMyInvoices: Terrahost refuses API keys/);

  configure("login");
  gigahostApi.account.addInvoice({ inv_id: "501", order_id: "77", inv_number: "2026-501", inv_date: "1463004000", inv_duedate: "1463868000", inv_paid: "1", inv_total: "3240.00", inv_vat: 810, inv_total_vat: 4050 });
  const mine = await gigahost.getMyAccount();
  expect(mine).toMatchObject({ customerId: "10001", email: DEFAULT_GIGAHOST_USERNAME, companyNumber: null, contacts: [expect.objectContaining({ contactId: "1", admin: true })] });
  expect(await gigahost.getMyInvoices()).toEqual([
    { invoiceId: "501", orderId: "77", orderNumber: null, number: "2026-501", fileName: null, date: "2016-05-11T22:00:00.000Z", dueDate: "2016-05-21T22:00:00.000Z", paid: true, total: 3240, vat: 810, totalWithVat: 4050 },
  ]);
  // Terrahost documents /my: served there too, from its own account
  expect((await terrahost.getMyAccount()).customerId).toBe("10001");
  expect(await terrahost.getMyInvoices()).toEqual([]);
});

test("getDeployWaitlist lists reservations; cancelDeployWaitlistEntry gives one up and resolves false when it was gone", async () => {
  configure("apiKey");
  gigahostApi.account.addReservation({ waitlistId: "9", productId: "2058", regionId: "1" });
  expect(await gigahost.getDeployWaitlist()).toEqual([{ waitlistId: "9", productId: "2058", regionId: "1", createdAt: expect.any(String) }]);
  expect(await gigahost.cancelDeployWaitlistEntry({ waitlistId: 9 })).toBe(true);
  expect(await gigahost.getDeployWaitlist()).toEqual([]);
  expect(await gigahost.cancelDeployWaitlistEntry({ waitlistId: "9" })).toBe(false);
  await expect(gigahost.cancelDeployWaitlistEntry({ waitlistId: "../x" })).rejects.toThrow(/cancelDeployWaitlistEntry: `waitlistId`/);
});

test("updateDynDns points a name at the address with Basic credentials; nochg when already so; refusals and bad arguments name the cause", async () => {
  configure("apiKey");
  await expect(gigahost.updateDynDns({ hostname: "home.dyn.example.no", myip: "192.0.2.44" })).rejects.toThrow(/takes HTTP Basic only: set .*gigahost:username/);
  configure("login");
  const zone = gigahostApi.addZone({ name: "dyn.example.no" });
  expect(await gigahost.updateDynDns({ hostname: "Home.dyn.example.no.", myip: "192.0.2.44" })).toEqual({ code: "good", answer: "good 192.0.2.44" });
  expect(gigahostApi.records(zone.zone_id).filter((record) => record.record_type === "A")).toEqual([expect.objectContaining({ record_name: "home", record_value: "192.0.2.44" })]);
  expect((await gigahost.updateDynDns({ hostname: "home.dyn.example.no", myip: "192.0.2.44" })).code).toBe("nochg");
  expect((await gigahost.updateDynDns({ hostname: "home.dyn.example.no", myip: "192.0.2.45", myipv6: "2001:db8::45" })).code).toBe("good");
  expect(gigahostApi.records(zone.zone_id).filter((record) => record.record_name === "home").map((record) => record.record_value).sort()).toEqual(["192.0.2.45", "2001:db8::45"]);
  await expect(gigahost.updateDynDns({ hostname: "home.elsewhere.org", myip: "192.0.2.44" })).rejects.toThrow(/refused home.elsewhere.org: no zone of the account holds this name \("nohost"\)/);
  await expect(gigahost.updateDynDns({ hostname: "home", myip: "192.0.2.44" })).rejects.toThrow(/`hostname` must be a host name/);
  await expect(gigahost.updateDynDns({ hostname: "home.dyn.example.no", myip: "300.1.1.1" })).rejects.toThrow(/`myip` must be an IPv4 address/);
  await expect(gigahost.updateDynDns({ hostname: "home.dyn.example.no" })).rejects.toThrow(/give `myip` or `myipv6`/);
});
