import * as pulumi from "@pulumi/pulumi";
import { EmulatorServer, createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import {
  getBillingPackages,
  getCrontabOptions,
  getDomainOptions,
  getDomainOrders,
  getDomainPreferences,
  getFtpCountries,
  getMysqlCollations,
  getMysqlPermission,
  getMysqlPrivileges,
  getServerInfo,
  getTurbos,
  getZoneCloudAccounts,
  getZoneCloudOptions,
} from "../../resources/zoneid";

const SERVICE = "lookups.example.com";
let zoneid: ZoneidEmulator;
let server: EmulatorServer;

beforeAll(async () => {
  zoneid = new ZoneidEmulator({ clock: createEmulatorClock() });
  server = await startEmulatorServer([zoneid]);
  await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
  pulumi.runtime.setAllConfig(
    { "zoneid:apiUrl": server.urlFor("zoneid"), "zoneid:username": DEFAULT_ZONEID_USERNAME, "zoneid:apiKey": DEFAULT_ZONEID_API_KEY },
    ["zoneid:apiKey"],
  );
  zoneid.addWebHosting(SERVICE);
  zoneid.domains.addDomain("lookups.ee", { renewal_notifications: false });
});
afterAll(() => server.close());
beforeEach(() => server.resetRequests());

const sent = () => server.requests.map((request) => `${request.method} ${decodeURIComponent(request.path.replace("/zoneid/v2", ""))}`);

test("getBillingPackages lists the packages a service can take (OPTIONS …/billing/resources)", async () => {
  const packages = await getBillingPackages({ service: "Lookups.Example.com." });
  expect(packages.map((entry) => entry.package)).toEqual(["disk_10gb", "mailbox_pack", "php_workers"]);
  expect(packages[0]).toMatchObject({ name: "Additional disk space 10 GB", price: 1.5 });
  expect(sent()).toEqual([`OPTIONS /vserver/${SERVICE}/billing/resources`]);
  await expect(getBillingPackages({ service: "missing.example.com" })).rejects.toThrow("getBillingPackages: the ZoneID account has no web hosting service missing.example.com");
});

test("the option lists of crontab, FTP users and MySQL, each from its OPTIONS operation", async () => {
  expect(await getCrontabOptions({ service: SERVICE })).toEqual(["http", "system"]);
  expect((await getFtpCountries({ service: SERVICE })).map((country) => country.code)).toContain("EE");
  expect(await getMysqlCollations({ service: SERVICE })).toContain("utf8mb4_unicode_ci");
  zoneid.hosting.create(SERVICE, "database/mysql/account", { username: "d1_app", password: "long-enough-password" });
  expect(await getMysqlPrivileges({ service: SERVICE, username: "d1_app" })).toEqual(expect.arrayContaining(["SELECT", "INSERT", "CREATE TEMPORARY TABLES"]));
  expect(sent()).toEqual([
    `OPTIONS /vserver/${SERVICE}/crontab`,
    `OPTIONS /vserver/${SERVICE}/ftp/user`,
    `OPTIONS /vserver/${SERVICE}/database/mysql`,
    `OPTIONS /vserver/${SERVICE}/database/mysql/account/d1_app/permission`,
  ]);
});

test("getMysqlPermission reads one account's grant on one database; none is an empty list", async () => {
  zoneid.hosting.create(SERVICE, "database/mysql", { name: "d1_shop" });
  zoneid.hosting.create(SERVICE, "database/mysql", { name: "d1_blog" });
  zoneid.hosting.setPermission(SERVICE, "d1_app", "d1_shop", { permissions: ["SELECT", "UPDATE"] });
  expect(await getMysqlPermission({ service: SERVICE, username: "d1_app", database: "d1_shop" })).toEqual({ username: "d1_app", database: "d1_shop", permissions: ["SELECT", "UPDATE"] });
  expect(await getMysqlPermission({ service: SERVICE, username: "d1_app", database: "d1_blog" })).toEqual({ username: "d1_app", database: "d1_blog", permissions: [] });
  await expect(getMysqlPermission({ service: SERVICE, username: "..", database: "d1_blog" })).rejects.toThrow("getMysqlPermission: `username` must not be \"..\"");
});

test("getDomainOptions: renewal periods and prices, name server and contact limits per role", async () => {
  const options = await getDomainOptions({ domain: "Lookups.EE" });
  expect(options.renewalOptions).toEqual([{ action: "renew", periods: expect.arrayContaining([expect.objectContaining({ period: 2, totalPrice: 24 })]) }]);
  expect(options.nameservers).toEqual({ min: 2, max: 13 });
  expect(options.contacts).toEqual({ registrant: { min: 1, max: 1 }, admin: { min: 0, max: 1 }, tech: { min: 0, max: 3 } });
  expect(sent()).toEqual(["OPTIONS /domain/lookups.ee"]);
  await expect(getDomainOptions({ domain: "missing.ee" })).rejects.toThrow("getDomainOptions: the ZoneID account has no domain missing.ee");
});

test("getDomainPreferences reads /domain/{name}/preferences", async () => {
  expect(await getDomainPreferences({ domain: "lookups.ee" })).toEqual({ renewalNotifications: false });
  expect(sent()).toEqual(["GET /domain/lookups.ee/preferences"]);
});

test("getDomainOrders lists every page of /order/domain/, or reads one order", async () => {
  for (let i = 0; i < 105; i++) zoneid.extras.addDomainOrder();
  const orders = await getDomainOrders();
  expect(orders).toHaveLength(105);
  expect(orders[0]).toEqual({ id: expect.any(String), orderedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), errors: null, vatRate: "24" });
  expect(sent()).toEqual(["GET /order/domain/", "GET /order/domain/"]);
  expect(await getDomainOrders({ id: orders[3].id })).toEqual([orders[3]]);
  await expect(getDomainOrders({ id: "999999" })).rejects.toThrow("getDomainOrders: the ZoneID account has no domain order 999999");
});

test("getServerInfo: the hosting server's addresses, directories and system user", async () => {
  const info = await getServerInfo({ service: SERVICE });
  expect(info).toMatchObject({ domainName: SERVICE, ipv4: "217.146.69.10", mysqlHostname: "d1.mysql.zonevs.eu", systemUsername: expect.stringMatching(/^virt\d+$/) });
  expect(info.httpDirectory).toContain(`www.${SERVICE}`);
  await expect(getServerInfo({ service: "missing.example.com" })).rejects.toThrow("getServerInfo: the ZoneID account has no web hosting service missing.example.com");
});

test("getTurbos reads the turbo with an identificator", async () => {
  const turbo = zoneid.extras.addTurbo(SERVICE, 60);
  expect(await getTurbos({ service: SERVICE, id: String(turbo.identificator) })).toEqual([
    { id: String(turbo.identificator), active: true, start: "2026-01-01T10:00:00+02:00", end: "2026-01-01T11:00:00+02:00", ttlMinutes: 60 },
  ]);
  await expect(getTurbos({ service: SERVICE, id: "1" })).rejects.toThrow(`getTurbos: the ZoneID account has no turbo 1 on web hosting service ${SERVICE}`);
});

test("getZoneCloudAccounts lists or reads ZoneCloud accounts; getZoneCloudOptions lists what one can become", async () => {
  zoneid.extras.addZoneCloudAccount(SERVICE, "anna@example.com");
  zoneid.extras.addZoneCloudAccount(SERVICE, "ben@example.com", true);
  expect(await getZoneCloudAccounts({ service: SERVICE })).toEqual([
    { email: "anna@example.com", premium: false, diskSize: "10737418240", diskSizeGib: "10", diskUsagePercent: "3%" },
    expect.objectContaining({ email: "ben@example.com", premium: true }),
  ]);
  expect(await getZoneCloudAccounts({ service: SERVICE, email: "ben@example.com" })).toEqual([expect.objectContaining({ email: "ben@example.com", diskSizeGib: "1024" })]);
  expect((await getZoneCloudOptions({ service: SERVICE, email: "anna@example.com" })).map((option) => option.premium)).toEqual([false, true]);
  await expect(getZoneCloudAccounts({ service: SERVICE, email: "nobody@example.com" })).rejects.toThrow(`no ZoneCloud account nobody@example.com on ${SERVICE}`);
  expect(sent()).toEqual([
    `GET /vserver/${SERVICE}/zonecloud`,
    `GET /vserver/${SERVICE}/zonecloud/ben@example.com`,
    `OPTIONS /vserver/${SERVICE}/zonecloud/anna@example.com`,
    `GET /vserver/${SERVICE}/zonecloud/nobody@example.com`,
  ]);
});
