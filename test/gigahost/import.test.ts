// `pulumi import` of every Gigahost and Terrahost kind, driven the way the provider plugin drives it:
// `read(importId, {})` through the bridge against the emulators, then the engine's diff of the
// imported state against the program's checked inputs.
import { ResourceDefinition } from "../../provider/dynamic";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { TerrahostEmulator } from "../../emulator/terrahost";
import { definitions as gigahostKinds } from "../../resources/gigahost/definitions";
import { definitions as terrahostKinds } from "../../resources/terrahost/definitions";
import { BridgeEmulators, startBridgeEmulators } from "../support/bridgeEmulators";
import { NO_DOMAIN_ORGANIZATION } from "../support/gigahostFixture";

const kinds: Record<string, () => ResourceDefinition<any, any>> = { ...gigahostKinds, ...terrahostKinds };
let gigahost: GigahostEmulator;
let terrahost: TerrahostEmulator;
let emulators: { gigahost: GigahostEmulator; terrahost: TerrahostEmulator };
let fixture: BridgeEmulators;

beforeAll(async () => {
  fixture = await startBridgeEmulators(
    (clock) => {
      gigahost = new GigahostEmulator({ clock, zoneWriteMs: 1 });
      terrahost = new TerrahostEmulator({ clock, zoneWriteMs: 1 });
      emulators = { gigahost, terrahost };
      return [gigahost, terrahost];
    },
    (server) => ({
      "gigahost:apiUrl": server.urlFor("gigahost"),
      "gigahost:apiKey": DEFAULT_GIGAHOST_API_KEY,
      "terrahost:apiUrl": server.urlFor("terrahost"),
      "terrahost:apiKey": DEFAULT_GIGAHOST_API_KEY,
    }),
    kinds,
  );
});
afterAll(() => fixture.server.close());

const provider = (kind: string) => fixture.provider(kind);
const checked = (kind: string, program: Record<string, unknown>) => fixture.checked(kind, program);
const created = (kind: string, program: Record<string, unknown>) => fixture.created(kind, program);
const expectImport = (kind: string, importId: string, id: string, program: Record<string, unknown>, writeOnly: string[] = []) =>
  fixture.expectImport(kind, importId, id, program, writeOnly);

const importable = Object.keys(kinds).filter((kind) => kinds[kind]().importId !== undefined);

test("every kind declares exactly one of importId and notImportable; DeployedServer is the one that cannot be imported", () => {
  for (const kind of Object.keys(kinds)) {
    const definition = kinds[kind]();
    expect([kind, definition.importId === undefined]).toEqual([kind, definition.notImportable !== undefined]);
  }
  expect(Object.keys(kinds).filter((kind) => !importable.includes(kind))).toEqual(["gigahost:DeployedServer"]);
});

test("gigahost:DeployedServer: an import fails, saying why and what to import instead", async () => {
  const existing = gigahost.servers.addServer();
  await expect(provider("gigahost:DeployedServer").read(existing.id, {})).rejects.toThrow(
    /^gigahost:DeployedServer cannot be imported: it orders a new server .*import it as euro-hosting:gigahost:Server$/,
  );
});

// A malformed import id of each importable kind: the error names the format and an example.
const malformed: [kind: string, importId: string, reason: string][] = [
  ["gigahost:DnsZone", "example.no", 'zoneId must be digits, not "example.no"'],
  ["gigahost:DnsRecord", "123", 'it needs 2 non-empty parts separated by "/"'],
  ["gigahost:DnsZoneRecords", "example.no", 'zoneId must be digits, not "example.no"'],
  ["gigahost:Server", "", 'it is one non-empty name, without "/"'],
  ["gigahost:ServerSnapshot", "3000/before-upgrade", 'snapshotId must be digits, not "before-upgrade"'],
  ["gigahost:ReverseDns", "3000/ipv5/3001", 'the middle part must be ipv4 (an IPv4 address\'s ipId follows) or ipv6 (an IPv6 subnet\'s subnetId follows), not "ipv5"'],
  ["gigahost:BgpAsn", "AS212345", 'asnId must be digits, not "AS212345"'],
  ["gigahost:BgpSession", "41;42", 'each sessionId must be digits, not "41;42"'],
  ["gigahost:DomainSettings", "123/456", 'it is one non-empty name, without "/"'],
  ["gigahost:DnsRedirect", "123//", 'it needs 2 non-empty parts separated by "/"'],
  ["gigahost:PtrZone", "185.181.63.0/24", 'it is one non-empty name, without "/"'],
  ["gigahost:NoDomain", "nordlys.no", 'zoneId must be digits, not "nordlys.no"'],
  ["gigahost:ServerIpv4", "185.181.60.21", 'it needs 2 non-empty parts separated by "/"'],
  ["gigahost:SshKey", "ci-deploy", 'keyId must be digits, not "ci-deploy"'],
  ["terrahost:Server", "backup1", 'serverId must be digits, not "backup1"'],
  ["terrahost:ServerSnapshot", "3000", 'it needs 2 non-empty parts separated by "/"'],
  ["terrahost:ReverseDns", "3000/3001", 'it needs 3 non-empty parts separated by "/"'],
  ["terrahost:ServerIpv4", "x/3001", 'serverId must be digits, not "x"'],
];

test("the malformed ids below cover every importable kind", () => {
  expect(malformed.map(([kind]) => kind).sort()).toEqual([...importable].sort());
});

test.each(malformed)("%s: the malformed import id %p fails, naming the format and an example", async (kind, importId, reason) => {
  const { format, example } = kinds[kind]().importId!;
  await expect(provider(kind).read(importId, {})).rejects.toThrow(
    `${kind}: "${importId}" is not an import id of this kind (${reason}); write it as ${format}, e.g. ${example}`,
  );
});

describe("an import id of an object that does not exist reads as gone (empty id)", () => {
  let zoneId: string;
  let serverIds: Record<"gigahost" | "terrahost", string>;
  beforeAll(() => {
    zoneId = gigahost.addZone({ name: "tomt-import.no" }).zone_id;
    serverIds = { gigahost: gigahost.servers.addServer().id, terrahost: terrahost.servers.addServer().id };
  });
  const missing: [kind: string, importId: () => string][] = [
    ["gigahost:DnsZone", () => "999999"],
    ["gigahost:DnsRecord", () => `${zoneId}/0123456789abcdef`],
    ["gigahost:DnsRecord", () => "999999/0123456789abcdef"],
    ["gigahost:DnsZoneRecords", () => "999999"],
    ["gigahost:Server", () => "999999"],
    ["gigahost:ServerSnapshot", () => `${serverIds.gigahost}/999999`],
    ["gigahost:ServerSnapshot", () => "999999/999999"],
    ["gigahost:ReverseDns", () => `${serverIds.gigahost}/ipv4/999999`],
    ["gigahost:ReverseDns", () => `${serverIds.gigahost}/ipv6/999999`],
    ["gigahost:BgpAsn", () => "999999"],
    ["gigahost:BgpSession", () => "999998,999999"],
    ["gigahost:DomainSettings", () => "999999"],
    ["gigahost:DnsRedirect", () => `${zoneId}/nowhere`],
    ["gigahost:PtrZone", () => "999999"],
    ["gigahost:NoDomain", () => "999999"],
    ["gigahost:ServerIpv4", () => `${serverIds.gigahost}/999999`],
    ["gigahost:SshKey", () => "999999"],
    ["terrahost:Server", () => "999999"],
    ["terrahost:ServerSnapshot", () => `${serverIds.terrahost}/999999`],
    ["terrahost:ReverseDns", () => `${serverIds.terrahost}/ipv4/999999`],
    ["terrahost:ServerIpv4", () => `${serverIds.terrahost}/999999`],
  ];

  test("the cases cover every importable kind", () => {
    expect([...new Set(missing.map(([kind]) => kind))].sort()).toEqual([...importable].sort());
  });

  test.each(missing)("%s", async (kind, importId) => {
    expect(await provider(kind).read(importId(), {})).toEqual({ id: "", props: {} });
  });
});

describe("gigahost DNS", () => {
  test("DnsZone: by zone id; name and type read back", async () => {
    const program = { name: "Fjordlys-Import.no", type: "native", createDefaultRecords: true };
    const zone = await created("gigahost:DnsZone", program);
    const { inputs } = await expectImport("gigahost:DnsZone", zone.id, zone.id, program);
    expect(inputs).toMatchObject({ name: "fjordlys-import.no", type: "NATIVE" });
  });

  test("DnsRecord: by zone id and record id; every input read back, an MX with its priority", async () => {
    const zoneId = gigahost.addZone({ name: "fjordlys-records.no" }).zone_id;
    for (const program of [
      { zoneId, name: "www", type: "A", value: "192.0.2.10", ttl: 600 } as Record<string, any>,
      { zoneId, type: "mx", value: "mail.fjordlys-records.no.", priority: 10 },
    ]) {
      const record = await created("gigahost:DnsRecord", program);
      const { inputs } = await expectImport("gigahost:DnsRecord", `${zoneId}/${record.outs.recordId}`, record.id, program);
      expect(inputs).toMatchObject({ zoneId, name: program.name ?? "@", ttl: program.ttl ?? 3600 });
    }
  });

  test("DnsZoneRecords: by zone id; the whole zone's sets read back; a set the program does not declare shows", async () => {
    const zoneId = gigahost.addZone({ name: "fjordlys-sets.no" }).zone_id;
    const program = {
      zoneId,
      records: [
        { name: "www", type: "A", ttl: 600, values: ["192.0.2.10", "192.0.2.11"] },
        { name: "@", type: "MX", values: ["10 mail.fjordlys-sets.no"] },
        { name: "@", type: "TXT", values: ["v=spf1 mx -all"] },
      ],
    };
    const records = await created("gigahost:DnsZoneRecords", program);
    const { props } = await expectImport("gigahost:DnsZoneRecords", zoneId, records.id, program);
    expect(props).toMatchObject({ zoneName: "fjordlys-sets.no", purge: true, ignore: [], recordCount: 4 });

    // Imported, the resource manages the whole zone: a record added elsewhere is a change (purge deletes it).
    gigahost.addRecord(zoneId, { name: "old", type: "CNAME", value: "www.fjordlys-sets.no" });
    const again = (await provider("gigahost:DnsZoneRecords").read(zoneId, {})) as { props: Record<string, any> };
    expect(Object.keys(again.props.recordSets)).toContain("old CNAME");
    expect(await provider("gigahost:DnsZoneRecords").diff(zoneId, again.props, await checked("gigahost:DnsZoneRecords", program))).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  test("DnsRedirect: by zone id and source (as the resource id spells it); the target read back", async () => {
    const zoneId = gigahost.addZone({ name: "fjordlys-redirect.no" }).zone_id;
    const program = { zoneId, source: "go", targetUrl: "https://www.fjordlys-redirect.no/kampanje" };
    const redirect = await created("gigahost:DnsRedirect", program);
    expect(redirect.id).toBe(`${zoneId}/go`);
    await expectImport("gigahost:DnsRedirect", `${zoneId}/GO.`, redirect.id, program);
  });

  test("PtrZone: by zone id; the prefix read back from the reverse zone's name; a forward zone is refused", async () => {
    for (const prefix of ["185.181.63.0/24", "2a03:94e0:190e::/48"]) {
      const zone = await created("gigahost:PtrZone", { prefix });
      const { inputs, props } = await expectImport("gigahost:PtrZone", zone.id, zone.id, { prefix });
      expect(inputs.prefix).toBe(prefix);
      expect(props.ipVersion).toBe(prefix.includes(":") ? "ipv6" : "ipv4");
    }
    const forward = gigahost.addZone({ name: "fjordlys-forward.no" }).zone_id;
    await expect(provider("gigahost:PtrZone").read(forward, {})).rejects.toThrow(
      `gigahost:PtrZone: zone ${forward} (fjordlys-forward.no) is not a reverse zone (*.in-addr.arpa or *.ip6.arpa); import it as gigahost:DnsZone`,
    );
  });
});

describe("gigahost domains", () => {
  const organization = { ...NO_DOMAIN_ORGANIZATION, domain: "nordlys-import.no" };

  test("NoDomain: by zone id; the registration read back but applicantName, which the first up records without ordering anything", async () => {
    const domain = await created("gigahost:NoDomain", organization);
    const imported = await expectImport("gigahost:NoDomain", domain.id, domain.id, organization, ["applicantName"]);
    expect(imported.inputs).toMatchObject({
      domain: "nordlys-import.no",
      registrant: { type: "organization", orgNumber: "923609016", companyName: "Example AS" },
      email: "hostmaster@example.no",
      zipCode: "0123",
      city: "Oslo",
    });
    expect(imported.inputs.applicantName).toBeUndefined();
    const changes = gigahost.domainSettings.registrantChanges;
    const updated = await provider("gigahost:NoDomain").update(domain.id, imported.olds, imported.news);
    expect(updated.outs.applicantName).toBe("Ola Nordmann");
    expect(gigahost.domainSettings.registrantChanges).toBe(changes);
  });

  test("NoDomain: a person's names read back, split at the last space", async () => {
    const program = {
      ...organization,
      domain: "kari-import.no",
      registrant: { type: "person", personId: "N.PRI.12345678", firstName: "Kari Anne", lastName: "Nordmann" },
    };
    const domain = await created("gigahost:NoDomain", program);
    const { inputs } = await expectImport("gigahost:NoDomain", domain.id, domain.id, program, ["applicantName"]);
    expect(inputs.registrant).toEqual(program.registrant);
  });

  test("NoDomain: a registry without the holder's identity (the documented example) leaves the holder to the program; a new holder still needs the declaration", async () => {
    const program = { ...organization, domain: "anonym-import.no" };
    const domain = await created("gigahost:NoDomain", program);
    gigahost.domainSettings.forgetHolder(domain.id);
    const imported = await expectImport("gigahost:NoDomain", domain.id, domain.id, program, ["applicantName", "registrant"]);
    expect(imported.inputs.registrant).toBeUndefined();
    const changes = gigahost.domainSettings.registrantChanges;
    const updated = await provider("gigahost:NoDomain").update(domain.id, imported.olds, imported.news);
    expect(updated.outs.registrant).toEqual({ type: "organization", orgNumber: "923609016", companyName: "Example AS" });
    expect(gigahost.domainSettings.registrantChanges).toBe(changes);

    // Another holder than the registry's, after an import: check cannot compare (applicantName is missing), update refuses.
    const owned = { ...organization, domain: "eier-import.no" };
    const known = await created("gigahost:NoDomain", owned);
    const { olds } = await expectImport("gigahost:NoDomain", known.id, known.id, owned, ["applicantName"]);
    const other = await checked("gigahost:NoDomain", { ...owned, registrant: { type: "organization", orgNumber: "987654321", companyName: "Annen AS" } });
    await expect(provider("gigahost:NoDomain").update(known.id, olds, other)).rejects.toThrow(
      "gigahost:NoDomain eier-import.no: the registrant change to 987654321 needs `acceptNoridDeclaration: true` (the registry's holder is 923609016); nothing was sent",
    );
    expect(gigahost.domainSettings.registrantChanges).toBe(changes);
  });

  test("NoDomain and DomainSettings: a zone that is not a registered domain is refused", async () => {
    const zoneId = gigahost.addZone({ name: "fjordlys-unregistered.no" }).zone_id;
    await expect(provider("gigahost:NoDomain").read(zoneId, {})).rejects.toThrow(
      `gigahost:NoDomain: zone ${zoneId} (fjordlys-unregistered.no) is not a domain registered through Gigahost; import it as gigahost:DnsZone`,
    );
    await expect(provider("gigahost:DomainSettings").read(zoneId, {})).rejects.toThrow(
      `gigahost:DomainSettings: zone ${zoneId} (fjordlys-unregistered.no) is not a domain registered through Gigahost`,
    );
  });

  test("DomainSettings: by zone id; every readable setting read back, not name servers nor WHOIS protection; delete then puts nothing back", async () => {
    const domain = await created("gigahost:NoDomain", { ...organization, domain: "innstilling-import.no" });
    const program = {
      zoneId: domain.id,
      nameservers: ["ns1.gigahost.no", "ns2.gigahost.no"],
      autoRenew: false,
      dnssec: true,
      registrantEmail: "drift@innstilling-import.no",
      whoisProtection: true,
    };
    const settings = await created("gigahost:DomainSettings", program);
    const imported = await expectImport("gigahost:DomainSettings", domain.id, settings.id, program, ["nameservers", "whoisProtection"]);
    expect(imported.inputs).toMatchObject({ autoRenew: false, dnssec: true, registrantEmail: "drift@innstilling-import.no" });
    expect(imported.props.previous).toEqual({ autoRenew: null, dnssec: null, externalDsRecords: null, registrantEmail: null });
  });
});

describe("gigahost BGP and account", () => {
  test("BgpAsn: by its database id; the AS number read back", async () => {
    const program = { asn: "AS212345" };
    const asn = await created("gigahost:BgpAsn", program);
    const { inputs } = await expectImport("gigahost:BgpAsn", asn.id, asn.id, program);
    expect(inputs.asn).toBe(212345);
  });

  test("BgpSession: by every session id of the set, in any order; every input read back from the sessions", async () => {
    const peer = gigahost.servers.addServer({ ipv6AddressCount: 1 });
    gigahost.bgp.submitAsn("AS213000");
    const asnId = gigahost.bgp.asnByNumber(213000)!.id;
    gigahost.bgp.setAsnStatus(asnId, "active");
    const ipv4 = peer.ips.find((ip) => ip.type === "primary")!.id;
    const ipv6 = peer.ips.find((ip) => ip.family === "ipv6")!.id;
    for (const program of [
      { asnId, ipIdV4: ipv4, ipIdV6: ipv6, redundant: true, defaultRoute: true } as Record<string, any>,
      { asnId, ipIdV4: gigahost.servers.addServer().ips[0].id },
    ]) {
      const sessions = await created("gigahost:BgpSession", program);
      const ids: string[] = sessions.outs.sessionIds;
      expect(ids).toHaveLength(program.redundant ? 4 : 1);
      const { inputs } = await expectImport("gigahost:BgpSession", [...ids].reverse().join(", "), sessions.id, program);
      expect(inputs).toMatchObject({ asnId, redundant: program.redundant ?? false, defaultRoute: program.defaultRoute ?? false });
    }
  });

  test("SshKey: by key id; name and public key read back", async () => {
    const program = { name: "ci-deploy", publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGltcG9ydC10ZXN0LWtleS1mb3ItZ2lnYWhvc3Q  ops@fjordlys.no\n" };
    const key = await created("gigahost:SshKey", program);
    await expectImport("gigahost:SshKey", key.id, key.id, program);
  });
});

describe.each(["gigahost", "terrahost"] as const)("%s servers", (brand) => {
  const emulator = () => emulators[brand].servers;

  test("Server: by server id; name, power state and package read back; os is recorded by the first up without a reinstall", async () => {
    const existing = emulator().addServer({ label: "web7.fjordlys.no", hostname: "web7.fjordlys.no" });
    const program = {
      serverId: existing.id,
      name: "web-7",
      powerState: "on",
      packageId: "3",
      os: { osId: existing.osId, language: "nb_NO", keyboard: "no", timezone: "Europe/Oslo", hostname: "web7.fjordlys.no" },
      allowReinstall: true,
    };
    const taken = await created(`${brand}:Server`, program);
    const imported = await expectImport(`${brand}:Server`, existing.id, taken.id, program, ["os"]);
    expect(imported.inputs).toMatchObject({ serverId: existing.id, name: "web-7", powerState: "on", packageId: "3" });
    expect(imported.inputs.os).toBeUndefined();

    // The OS installed is the program's: the first up records os and reinstalls nothing, despite allowReinstall.
    const updated = await provider(`${brand}:Server`).update(taken.id, imported.olds, imported.news);
    expect(updated.outs.os).toEqual(program.os);
    expect(updated.outs.rootPassword).toBeNull();
    expect(emulator().stored(existing.id)).toMatchObject({ osId: existing.osId, installUntil: 0 });

    // Another OS than the one installed: check cannot tell (the imported state has no os), update refuses without consent.
    const other = { ...program, os: { ...program.os, osId: "110" }, allowReinstall: false };
    const news = await checked(`${brand}:Server`, other);
    expect((await provider(`${brand}:Server`).check(imported.inputs, other)).failures).toEqual([]);
    await expect(provider(`${brand}:Server`).update(taken.id, imported.olds, news)).rejects.toThrow(/reinstalls it and erases its disks; set `allowReinstall: true`/);
  });

  test("ServerSnapshot: by server id and snapshot id; server and name read back", async () => {
    const existing = emulator().addServer();
    const program = { serverId: existing.id, name: "before-import" };
    const snapshot = await created(`${brand}:ServerSnapshot`, program);
    expect(snapshot.outs.state).toBe("completed");
    await expectImport(`${brand}:ServerSnapshot`, `${existing.id}/${snapshot.id}`, snapshot.id, program);
  });

  test("ReverseDns: an IPv4 address and an IPv6 subnet, by the resource's id; the name read back, nothing to put back", async () => {
    const existing = emulator().addServer({ ipv6SubnetCount: 1 });
    for (const [family, target, hostname] of [
      ["ipv4", { ipId: existing.ips[0].id }, "mail.fjordlys.no"],
      ["ipv6", { subnetId: existing.subnets[0].id }, "ns1.fjordlys.no"],
    ] as const) {
      const program = { serverId: existing.id, ...target, hostname };
      const reverse = await created(`${brand}:ReverseDns`, program);
      expect(reverse.id).toBe(`${existing.id}/${family}/${Object.values(target)[0]}`);
      const { props } = await expectImport(`${brand}:ReverseDns`, reverse.id, reverse.id, program);
      expect(props.previousHostname).toBeNull();
    }
  });

  test("ServerIpv4: by server id and address id; the type read back from the routing", async () => {
    const existing = emulator().addServer();
    for (const type of ["l3", "l2"]) {
      const program = { serverId: existing.id, type };
      const address = await created(`${brand}:ServerIpv4`, program);
      const { inputs } = await expectImport(`${brand}:ServerIpv4`, `${existing.id}/${address.id}`, address.id, program);
      expect(inputs.type).toBe(type);
    }
  });
});
