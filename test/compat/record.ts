// Records the state-compatibility fixtures of the installed version: for every
// registered resource kind, one object created the way a Pulumi program creates
// it (the built package's class, run under Pulumi's mocks, then check and
// create through Pulumi's own dynamic-provider host against the emulator), and
// written to test/compat/state-<version>/<vendor>/<Kind>.json with the
// emulator's state at that moment. Run `npm run compat:record` once per release
// (see docs/state-compatibility.md); fixtures of a released version are never
// rewritten, so existing files are kept unless `--overwrite` is given.
//
//   npm run compat:record [-- --overwrite] [-- gigahost:DnsRecord ...]
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { GandiEmulator } from "../../emulator/gandi";
import type { GigahostEmulator } from "../../emulator/gigahost";
import type { GigasEmulator } from "../../emulator/gigas";
import type { ZoneidEmulator } from "../../emulator/zoneid";
import { Engine, programResource } from "../harness/engine";
import { NO_DOMAIN_ORGANIZATION } from "../support/gigahostFixture";
import { minimalVmArgs } from "../support/gigasFixture";
import { CompatFixture, FIXTURE_FORMAT, REPO_ROOT, fixturePath, registeredKinds } from "./fixtures";
import { VendorFixture, familyOf, startVendorFixture } from "./vendors";

const REPO = REPO_ROOT;
/** Resource classes from the built package, as a user's program loads them (their serialized provider is what state holds). */
const built = (vendor: string) => require(path.join(REPO, "dist/resources", vendor));
const gigahost: typeof import("../../resources/gigahost") = built("gigahost");
const terrahost: typeof import("../../resources/terrahost") = built("terrahost");
const zoneid: typeof import("../../resources/zoneid") = built("zoneid");
const gigas: typeof import("../../resources/gigas") = built("gigas");
const gandi: typeof import("../../resources/gandi") = built("gandi");

/** The name every recorded resource has in its program (part of its URN and creation tag). */
const RESOURCE_NAME = "compat";

// Obviously fake secrets and keys: fixtures are committed.
const FAKE_PASSWORD = "fake-Password-for-compat-1";
const FAKE_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZha2Uta2V5LWZvci1jb21wYXQtZml4dHVyZXM fake@compat";
const FAKE_CERT = "-----BEGIN CERTIFICATE-----\nMIIB fake certificate CN=www.example.com\n-----END CERTIFICATE-----\n";
const FAKE_CA = "-----BEGIN CERTIFICATE-----\nMIIC fake intermediate CN=Example CA\n-----END CERTIFICATE-----\n";
const FAKE_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nfake-private-key-for-compat-fixtures\n-----END PRIVATE KEY-----\n";
const TIMEOUTS = { create: "30m", update: "30m", delete: "30m" };

interface RecipeContext {
  vendors: VendorFixture;
  engine: Engine;
  /** Creates a resource the recorded one depends on, through the engine; returns its state entry. */
  up(create: () => pulumi.Resource): ReturnType<Engine["up"]>;
}

/**
 * How each kind's object is made: what the emulator is seeded with (as its
 * lifecycle tests seed it) and the resource a program declares, with its
 * optional inputs set so the fixture holds as many properties as it can.
 */
type Recipe = (context: RecipeContext) => Promise<() => pulumi.Resource> | (() => pulumi.Resource);

const gigahostApi = (context: RecipeContext, brand = "gigahost") => context.vendors.emulators[brand] as GigahostEmulator;
const zoneidApi = (context: RecipeContext) => context.vendors.emulators.zoneid as ZoneidEmulator;
const UBUNTU_18 = { osId: "72", language: "en_US", keyboard: "no", timezone: "Europe/Oslo", hostname: "web.example.no" };
const HOSTING = "hosting.example.com";
const DOMAIN = "example.ee";

const gigasApi = (context: RecipeContext) => context.vendors.emulators.gigas as GigasEmulator;
const gigasVm = (context: RecipeContext, name: string) => context.up(() => new gigas.VirtualMachine(name, minimalVmArgs(name, FAKE_PASSWORD)));

const serverRecipe = (brand: "gigahost" | "terrahost"): Recipe => (context) => {
  const server = gigahostApi(context, brand).servers.addServer({ label: "original", osId: "72", ipv4Count: 2, ipv6SubnetCount: 1, disksGb: [20, 40], cores: 4, ramGb: 8, powerControl: true });
  const Server = brand === "gigahost" ? gigahost.Server : terrahost.Server;
  return () => new Server(RESOURCE_NAME, { serverId: server.id, name: "web-1", powerState: "on", os: UBUNTU_18, allowReinstall: false, timeouts: TIMEOUTS });
};

const snapshotRecipe = (brand: "gigahost" | "terrahost"): Recipe => (context) => {
  const server = gigahostApi(context, brand).servers.addServer({ label: "db-1" });
  const ServerSnapshot = brand === "gigahost" ? gigahost.ServerSnapshot : terrahost.ServerSnapshot;
  return () => new ServerSnapshot(RESOURCE_NAME, { serverId: server.id, name: "before-upgrade", adopt: false, timeouts: TIMEOUTS });
};

/** The server a Gigahost ServerIpv4 moves to in the fixture's in-place change: added first, so its id is the emulator's first ("3000"). */
const ipv4Recipe = (brand: "gigahost" | "terrahost"): Recipe => (context) => {
  gigahostApi(context, brand).servers.addServer({ label: "move-target" });
  const server = gigahostApi(context, brand).servers.addServer({ label: "web-1" });
  const ServerIpv4 = brand === "gigahost" ? gigahost.ServerIpv4 : terrahost.ServerIpv4;
  return () => new ServerIpv4(RESOURCE_NAME, { serverId: server.id, type: "l3", adopt: false, timeouts: TIMEOUTS });
};

const reverseDnsRecipe = (brand: "gigahost" | "terrahost"): Recipe => (context) => {
  const server = gigahostApi(context, brand).servers.addServer({ ipv4Count: 2 });
  const ReverseDns = brand === "gigahost" ? gigahost.ReverseDns : terrahost.ReverseDns;
  return () => new ReverseDns(RESOURCE_NAME, { serverId: server.id, ipId: server.ips[0].id, hostname: "mail.example.no", timeouts: TIMEOUTS });
};

const RECIPES: Record<string, Recipe> = {
  "gigahost:DnsZone": () => () =>
    new gigahost.DnsZone(RESOURCE_NAME, {
      name: "compat-zone.example.no",
      type: "NATIVE",
      createDefaultRecords: false,
      zoneFile: ["$ORIGIN compat-zone.example.no.", "$TTL 3600", "@ IN A 192.0.2.1", "www 600 IN CNAME compat-zone.example.no.", "@ IN MX 10 mail.compat-zone.example.no."].join("\n"),
      adopt: false,
      timeouts: TIMEOUTS,
    }),
  "gigahost:DnsRecord": (context) => {
    const zone = gigahostApi(context).addZone({ name: "compat-records.example.no" });
    return () => new gigahost.DnsRecord(RESOURCE_NAME, { zoneId: zone.zone_id, name: "@", type: "MX", value: "mail.compat-records.example.no", ttl: 600, priority: 10, adopt: false, timeouts: TIMEOUTS });
  },
  "gigahost:DnsZoneRecords": (context) => {
    const api = gigahostApi(context);
    const zone = api.addZone({ name: "compat-zone-records.example.no" });
    api.addRecord(zone.zone_id, { name: "@", type: "NS", value: "ns1.gigahost.no", ttl: 86400 });
    return () =>
      new gigahost.DnsZoneRecords(RESOURCE_NAME, {
        zoneId: zone.zone_id,
        zoneName: "compat-zone-records.example.no",
        zoneFile: ["$TTL 3600", "@ IN MX 10 mail", "mail IN A 192.0.2.25", 'txt IN TXT "v=spf1 mx -all"'].join("\n"),
        records: [{ name: "www", type: "A", ttl: 600, values: ["192.0.2.1", "192.0.2.2"] }],
        purge: true,
        ignore: ["_acme-challenge*"],
        maxChangeShare: 0.3,
        force: false,
        timeouts: TIMEOUTS,
      });
  },
  "gigahost:Server": serverRecipe("gigahost"),
  "gigahost:ServerSnapshot": snapshotRecipe("gigahost"),
  "gigahost:ReverseDns": reverseDnsRecipe("gigahost"),
  "gigahost:BgpAsn": () => () => new gigahost.BgpAsn(RESOURCE_NAME, { asn: "AS212345", adopt: false }),
  "gigahost:BgpSession": (context) => {
    const api = gigahostApi(context);
    api.bgp.submitAsn("AS213000");
    const asnId = api.bgp.asnByNumber(213000)!.id;
    api.bgp.setAsnStatus(asnId, "active");
    const [v4, v6] = api.servers.addServer({ ipv4Count: 1, ipv6AddressCount: 1 }).ips;
    return () => new gigahost.BgpSession(RESOURCE_NAME, { asnId, ipIdV4: v4.id, ipIdV6: v6.id, redundant: true, defaultRoute: true, timeouts: TIMEOUTS });
  },
  "gigahost:DomainSettings": (context) => {
    const zone = gigahostApi(context).addZone({ name: "compat-settings.no", registered: true });
    return () => new gigahost.DomainSettings(RESOURCE_NAME, { zoneId: zone.zone_id, autoRenew: false, dnssec: true, registrantEmail: "dns@compat-settings.no", whoisProtection: true });
  },
  "gigahost:DnsRedirect": (context) => {
    const zone = gigahostApi(context).addZone({ name: "compat-redirect.no", registered: true });
    return () => new gigahost.DnsRedirect(RESOURCE_NAME, { zoneId: zone.zone_id, source: "www", targetUrl: "https://shop.example.no/start" });
  },
  "gigahost:PtrZone": () => () => new gigahost.PtrZone(RESOURCE_NAME, { prefix: "185.181.63.0/24" }),
  "gigahost:SshKey": () => () =>
    new gigahost.SshKey(RESOURCE_NAME, { name: "ci-deploy", publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example.no" }),
  "gigahost:NoDomain": () => () =>
    new gigahost.NoDomain(RESOURCE_NAME, { ...NO_DOMAIN_ORGANIZATION, nameservers: ["ns1.example.net", "ns2.example.net"], adopt: false }),
  "gigahost:DeployedServer": () => () =>
    new gigahost.DeployedServer(RESOURCE_NAME, {
      productId: "2058",
      priceId: "311",
      regionId: "1",
      billingPeriod: "monthly",
      hostname: "web1.example.no",
      osId: "101",
      sshKeys: [FAKE_KEY],
      backups: false,
      name: "web-1",
      timeouts: TIMEOUTS,
    }),
  "terrahost:Server": serverRecipe("terrahost"),
  "terrahost:ServerSnapshot": snapshotRecipe("terrahost"),
  "terrahost:ReverseDns": reverseDnsRecipe("terrahost"),
  "gigahost:ServerIpv4": ipv4Recipe("gigahost"),
  "terrahost:ServerIpv4": ipv4Recipe("terrahost"),

  "zoneid:DnsZone": (context) => {
    zoneidApi(context).addZone("compat.example.com", { ipv6: false });
    return () => new zoneid.DnsZone(RESOURCE_NAME, { name: "compat.example.com", active: true, ipv6: true });
  },
  "zoneid:DnsRecord": (context) => {
    const zone = zoneidApi(context).addZone("compat-records.example.com").identificator;
    return () =>
      new zoneid.DnsRecord(RESOURCE_NAME, { zone, type: "SRV", name: "_sip._tcp", destination: "sip.example.net", priority: 10, weight: 5, port: 5060, adopt: false, timeouts: TIMEOUTS });
  },
  "zoneid:DnsZoneRecords": (context) => {
    const zone = zoneidApi(context).addZone("compat-zone.example.com").identificator;
    return () =>
      new zoneid.DnsZoneRecords(RESOURCE_NAME, {
        zone,
        records: [
          { name: "www", type: "A", values: ["192.0.2.10", "192.0.2.11"] },
          { name: "@", type: "MX", values: ["10 mx1.example.net"] },
        ],
        zoneFile: '_sip._tcp IN SRV 10 5 5060 sip.example.net.\n@ IN TXT "v=spf1 -all"\n',
        purge: true,
        ignore: ["_acme-challenge*"],
        timeouts: TIMEOUTS,
      });
  },
  "zoneid:MailAccount": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () =>
      new zoneid.MailAccount(RESOURCE_NAME, {
        service: HOSTING,
        address: "info@example.com",
        password: FAKE_PASSWORD,
        comment: "sales inbox",
        forwardAddresses: ["archive@example.net"],
        spamLevel: "high",
        twoFactorAuth: false,
        adopt: false,
      });
  },
  "zoneid:MailForwarder": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.MailForwarder(RESOURCE_NAME, { service: HOSTING, address: "hello@example.com", forwardAddresses: ["team@example.net", "boss@example.net"], comment: "team", adopt: false });
  },
  "zoneid:MailAutoreply": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    zoneidApi(context).hosting.create(HOSTING, "mail/account", { address: "info@example.com", password: FAKE_PASSWORD });
    return () =>
      new zoneid.MailAutoreply(RESOURCE_NAME, {
        service: HOSTING,
        address: "info@example.com",
        mailboxType: "account",
        enabled: true,
        fromName: "Info desk",
        subject: "Away",
        body: "Back on Monday.",
        startDate: "2026-07-01",
        endDate: "2026-07-14",
      });
  },
  "zoneid:MailPremium": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    zoneidApi(context).hosting.create(HOSTING, "mail/account", { address: "info@example.com", password: FAKE_PASSWORD });
    return () => new zoneid.MailPremium(RESOURCE_NAME, { service: HOSTING, address: "info@example.com", package: "mail-premium-10" });
  },
  "zoneid:MysqlDatabase": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.MysqlDatabase(RESOURCE_NAME, { service: HOSTING, name: "d1_shop", collation: "utf8mb4_unicode_ci", comment: "shop data", adopt: false });
  },
  "zoneid:MysqlUser": async (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    await context.up(() => new zoneid.MysqlDatabase("shop", { service: HOSTING, name: "d1_shop" }));
    return () =>
      new zoneid.MysqlUser(RESOURCE_NAME, {
        service: HOSTING,
        username: "d1_app",
        password: FAKE_PASSWORD,
        comment: "app",
        requireSsl: false,
        hosts: ["ws", "192.0.2.7"],
        permissions: { d1_shop: ["SELECT", "INSERT"] },
        adopt: false,
      });
  },
  "zoneid:Crontab": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () =>
      new zoneid.Crontab(RESOURCE_NAME, {
        service: HOSTING,
        name: "nightly",
        type: "system",
        command: "/data01/virt1/backup.sh",
        schedule: "0 3 * * *",
        active: true,
        report: "onerror",
        reportEmail: "ops@example.com",
        priority: "low",
        timezone: "Europe/Tallinn",
        runtimeLimit: 3600,
        adopt: false,
      });
  },
  "zoneid:SshKey": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.SshKey(RESOURCE_NAME, { service: HOSTING, publicKey: FAKE_KEY, comment: "laptop", adopt: false });
  },
  "zoneid:SshAllowlistEntry": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.SshAllowlistEntry(RESOURCE_NAME, { service: HOSTING, ip: "217.128.0.0/24", comment: "office", adopt: false });
  },
  "zoneid:SshSettings": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.SshSettings(RESOURCE_NAME, { service: HOSTING, access: "whitelist" });
  },
  "zoneid:Dkim": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.Dkim(RESOURCE_NAME, { service: HOSTING });
  },
  "zoneid:FtpAllowlistEntry": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    // ZoneID allows the caller's address: the recorder talks to the emulator over loopback.
    return () => new zoneid.FtpAllowlistEntry(RESOURCE_NAME, { service: HOSTING, ip: "127.0.0.1" });
  },
  "zoneid:SslCertificate": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () =>
      new zoneid.SslCertificate(RESOURCE_NAME, {
        service: HOSTING,
        name: "www",
        certificate: FAKE_CERT,
        privateKey: FAKE_PRIVATE_KEY,
        caCertificate: FAKE_CA,
        hosts: ["www.example.com", "shop.example.com"],
        adopt: false,
      });
  },
  "zoneid:FtpUser": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () =>
      new zoneid.FtpUser(RESOURCE_NAME, {
        service: HOSTING,
        username: "deploy",
        password: FAKE_PASSWORD,
        directory: "/htdocs",
        requireTls: true,
        accessProfile: "whitelist_or_tls",
        allowedOperations: ["read", "write"],
        accessCountries: ["EE", "FI"],
        adopt: false,
      });
  },
  "zoneid:Pm2Process": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.Pm2Process(RESOURCE_NAME, { service: HOSTING, name: "api", script: "server.js", memoryLimit: 256, state: "running", restartTrigger: "first", adopt: false });
  },
  "zoneid:PortForward": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    zoneidApi(context).hosting.create(HOSTING, "dedicatedip", { ipv4: "192.0.2.10", ipv6: "2001:db8::10", vhosts: [] });
    return () => new zoneid.PortForward(RESOURCE_NAME, { service: HOSTING, dedicatedIp: "192.0.2.10", port: 2222, comment: "ssh", acl: ["203.0.113.9"], adopt: false });
  },
  "zoneid:DedicatedIp": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.DedicatedIp(RESOURCE_NAME, { service: HOSTING, adopt: false });
  },
  "zoneid:Redis": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.Redis(RESOURCE_NAME, { service: HOSTING, state: "running", restartTrigger: "first", authKeyTrigger: "first" });
  },
  "zoneid:CloudServer": () => () =>
    new zoneid.CloudServer(RESOURCE_NAME, {
      datacenter: "tll01",
      package: "vps-s",
      os: "ubuntu-24.04",
      billingPeriod: 1,
      sshPublicKey: FAKE_KEY,
      password: FAKE_PASSWORD,
      vcpu: 1,
      ramGb: 2,
      diskGb: 40,
      powerState: "running",
      rebootTrigger: "first",
      timeouts: TIMEOUTS,
    }),
  "zoneid:DomainNameserver": (context) => {
    zoneidApi(context).domains.addDomain(DOMAIN);
    return () => new zoneid.DomainNameserver(RESOURCE_NAME, { service: DOMAIN, hostname: "ns1.example.ee", ips: ["192.0.2.53", "2001:db8::53"], adopt: false });
  },
  "zoneid:DomainContact": (context) => {
    zoneidApi(context).domains.addDomain(DOMAIN);
    return () =>
      new zoneid.DomainContact(RESOURCE_NAME, {
        service: DOMAIN,
        role: "admin",
        name: "Mari Maasikas",
        email: "mari@example.ee",
        phone: "+372.5551234",
        organization: "Näide OÜ",
        street: "Pikk 1",
        city: "Tallinn",
        postalCode: "10123",
        country: "EE",
        identNumber: "10000000",
        identType: "company_number",
        identCountry: "EE",
        type: "company",
        firstName: "Mari",
        lastName: "Maasikas",
        fax: "+372.5550000",
        state: "Harjumaa",
        language: "et",
        vatNumber: "EE100000000",
        department: "IT",
        passport: "K0000000",
        legalForm: "OÜ",
        adopt: false,
      } as never);
  },
  "zoneid:DomainSettings": (context) => {
    zoneidApi(context).domains.addDomain("settings.ee", { autorenew: true, dnssec: false, renewal_notifications: true, nameservers_custom: true });
    return () => new zoneid.DomainSettings(RESOURCE_NAME, { domain: "settings.ee", adopt: true, renewalNotifications: true, signingRequired: true, nameserversCustom: false });
  },
  "zoneid:DomainRenewal": (context) => {
    zoneidApi(context).domains.addDomain("renewal.ee", { expires: "2027-06-30T00:00:00+03:00" });
    return () => new zoneid.DomainRenewal(RESOURCE_NAME, { domain: "renewal.ee", period: 1, expires: "2027-06-30" });
  },
  "zoneid:AdditionalPackage": (context) => {
    zoneidApi(context).addWebHosting(HOSTING);
    return () => new zoneid.AdditionalPackage(RESOURCE_NAME, { service: HOSTING, package: "disk_10gb", quantity: 2, adopt: false });
  },

  "gigas:VirtualMachine": () => () =>
    new gigas.VirtualMachine(RESOURCE_NAME, {
      label: "web 1",
      hostname: "web1",
      templateId: "2266610116",
      locationId: "226661012",
      memory: 1024,
      cpus: 1,
      cpuType: "intel",
      primaryDiskSize: 10,
      swapDiskSize: 1,
      defaultFirewallPolicy: "ACCEPT",
      initialRootPassword: FAKE_PASSWORD,
      note: "state compatibility fixture",
      forceReboot: false,
      timeouts: TIMEOUTS,
    }),
  "gigas:FirewallRule": async (context) => {
    const vm = await gigasVm(context, "fw-host");
    const networkInterfaceId = vm.entry.outputs.primaryNetworkInterfaceId as string;
    return () => new gigas.FirewallRule(RESOURCE_NAME, { networkInterfaceId, command: "ACCEPT", protocol: "TCP", address: "198.51.100.0/24", port: 22, order: 1, timeouts: TIMEOUTS });
  },
  "gigas:Disk": async (context) => {
    const vm = await gigasVm(context, "disk-host");
    return () => new gigas.Disk(RESOURCE_NAME, { virtualMachineId: vm.entry.id, size: 20, autobackup: true, mountPoint: "/data", addToLinuxFstab: true, forceReboot: false, timeouts: TIMEOUTS });
  },
  "gigas:NetworkInterface": async (context) => {
    const vm = await gigasVm(context, "nic-host");
    const network = gigasApi(context).addNetwork({ label: "backend", location_id: "226661012" });
    return () => new gigas.NetworkInterface(RESOURCE_NAME, { virtualMachineId: vm.entry.id, networkId: network.id, label: "backend", defaultFirewallPolicy: "DROP", timeouts: TIMEOUTS });
  },
  "gigas:IpAddress": async (context) => {
    const vm = await gigasVm(context, "ip-host");
    const network = gigasApi(context).addNetwork({ label: "private", location_id: "226661012" });
    const nic = await context.up(() => new gigas.NetworkInterface("ip-nic", { virtualMachineId: vm.entry.id, networkId: network.id, label: "private" }));
    return () =>
      new gigas.IpAddress(RESOURCE_NAME, {
        networkId: network.id,
        networkInterfaceId: nic.entry.id,
        address: "10.0.0.10",
        netmask: "255.255.255.0",
        gateway: "10.0.0.1",
        broadcast: "10.0.0.255",
        networkAddress: "10.0.0.0",
        disallowedPrimary: true,
        timeouts: TIMEOUTS,
      });
  },
  "gigas:BackupRestore": async (context) => {
    const vm = await gigasVm(context, "restore-host");
    const api = context.vendors.emulators.gigas as GigasEmulator;
    const backup = api.addBackup(api.disks().find((d) => d.virtual_machine_id === vm.entry.id && d.primary)!.id);
    return () => new gigas.BackupRestore(RESOURCE_NAME, { backupId: backup.id, trigger: "2026-01-01", timeouts: TIMEOUTS });
  },
  "gigas:Template": async (context) => {
    const vm = await gigasVm(context, "template-host");
    const api = context.vendors.emulators.gigas as GigasEmulator;
    const backup = api.addBackup(api.disks().find((d) => d.virtual_machine_id === vm.entry.id && d.primary)!.id);
    return () => new gigas.Template(RESOURCE_NAME, { label: "golden image", backupId: backup.id, timeouts: TIMEOUTS });
  },

  "gandi:SimpleHostingInstance": () => () =>
    new gandi.SimpleHostingInstance(RESOURCE_NAME, {
      name: "web-1",
      location: "FR",
      size: "starter",
      database: "mysql",
      databaseVersion: "8.0",
      language: "php",
      languageVersion: "8.1",
      snapshotEnabled: true,
      storageAdditionalSize: 10,
      password: FAKE_PASSWORD,
      sshKeys: [FAKE_KEY],
      autorenew: true,
      duration: 1,
      vhosts: [{ fqdn: "www.example.com" }],
      validateBeforeCreate: true,
      adopt: false,
      timeouts: TIMEOUTS,
    }),
  "gandi:SimpleHostingVhost": (context) => {
    const instance = (context.vendors.emulators.gandi as GandiEmulator).addInstance({ name: "vhost-host-1" });
    return () =>
      new gandi.SimpleHostingVhost(RESOURCE_NAME, {
        instanceId: instance.id,
        fqdn: "www.example.com",
        application: { name: "wordpress" },
        httpsStrategy: "redirect_HTTP_to_HTTPS",
        linkedDnsZone: { allowAlteration: true, allowAlterationOverride: false },
        adopt: false,
        timeouts: TIMEOUTS,
      });
  },
};

async function record(kind: string, version: string, commit: string): Promise<CompatFixture> {
  const recipe = RECIPES[kind];
  if (!recipe) throw new Error(`no recipe for ${kind}: add one to test/compat/record.ts`);
  const vendors = await startVendorFixture(familyOf(kind));
  try {
    const { engine } = vendors.fixture;
    const context: RecipeContext = { vendors, engine, up: async (create) => engine.up(await programResource(create)) };
    const declare = await recipe(context);
    const resource = await programResource(declare);
    if (!resource.type.endsWith(`/${kind}`)) throw new Error(`${kind}: the program registered a ${resource.type}`);
    const { entry } = await engine.up(resource);
    await vendors.fixture.server.settled();
    return {
      format: FIXTURE_FORMAT,
      kind,
      packageVersion: version,
      recordedFrom: commit,
      type: entry.type,
      urn: entry.urn,
      id: entry.id,
      inputs: entry.inputs,
      outputs: entry.outputs,
      emulatorClockMs: vendors.clock.now(),
      emulatorState: Object.fromEntries(Object.entries(vendors.emulators).map(([vendor, emulator]) => [vendor, emulator.snapshot()])),
    };
  } finally {
    await vendors.fixture.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const overwrite = args.includes("--overwrite");
  const only = args.filter((arg) => !arg.startsWith("--"));
  const version: string = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version;
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" }).trim();
  const kinds = registeredKinds(path.join(REPO, "dist"));
  for (const kind of only) if (!kinds.includes(kind)) throw new Error(`${kind} is not a registered kind`);
  const missing = kinds.filter((kind) => !RECIPES[kind]);
  if (missing.length) throw new Error(`no recipe for ${missing.join(", ")}: add them to test/compat/record.ts`);
  let failed = 0;
  for (const kind of only.length ? only : kinds) {
    const file = fixturePath(version, kind);
    if (fs.existsSync(file) && !overwrite) {
      console.log(`${kind}: kept ${path.relative(REPO, file)}`);
      continue;
    }
    try {
      const fixture = await record(kind, version, commit);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(fixture, null, 2) + "\n");
      console.log(`${kind}: wrote ${path.relative(REPO, file)}`);
    } catch (error) {
      failed++;
      console.error(`${kind}: FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  if (failed) {
    console.error(`${failed} kind(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
