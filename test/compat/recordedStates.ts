// State written by released versions keeps working with the current code.
// Each fixture (test/compat/state-<version>/<vendor>/<Kind>.json, recorded by
// test/compat/record.ts) holds one resource as a stack of that version stores
// it (id, inputs, outputs, the serialized provider stub) and the vendor state
// it describes. Its emulator state is restored into a fresh emulator; then,
// through Pulumi's dynamic-provider host and the stored stub, as the engine
// would: refresh, preview of the unchanged program, an in-place update, delete
// and a read after delete. See docs/state-compatibility.md.
import * as path from "node:path";
import { Props } from "../harness/providerHost";
import { CompatFixture, REPO_ROOT, fixtureFiles, readFixture, recordedVersions, registeredKinds } from "./fixtures";
import { familyOf, startVendorFixture } from "./vendors";

/**
 * One in-place change per kind, applied on top of the recorded inputs: what a
 * user's next `pulumi up` after upgrading changes most often.
 */
export const IN_PLACE_CHANGES: Record<string, Props> = {
  "gigahost:DnsRecord": { ttl: 300 },
  "gigahost:DnsZoneRecords": { records: [{ name: "www", type: "A", ttl: 300, values: ["192.0.2.1", "192.0.2.3"] }] },
  "gigahost:Server": { name: "web-2" },
  // The move target the recipe adds first (test/compat/record.ts, ipv4Recipe).
  "gigahost:ServerIpv4": { serverId: "3000" },
  "gigahost:ReverseDns": { hostname: "smtp.example.no" },
  "gigahost:DomainSettings": { autoRenew: true },
  "gigahost:DnsRedirect": { targetUrl: "https://www.example.no/" },
  "gigahost:DeployedServer": { name: "web-renamed" },
  "terrahost:Server": { name: "web-2" },
  "terrahost:ReverseDns": { hostname: "smtp.example.no" },
  "zoneid:DnsZone": { ipv6: false },
  "zoneid:DnsRecord": { destination: "sip2.example.net" },
  "zoneid:DnsZoneRecords": {
    records: [
      { name: "www", type: "A", values: ["192.0.2.10", "192.0.2.12"] },
      { name: "@", type: "MX", values: ["10 mx1.example.net"] },
    ],
  },
  "zoneid:MailAccount": { spamLevel: "medium" },
  "zoneid:MailForwarder": { forwardAddresses: ["team@example.net"] },
  "zoneid:MysqlUser": { hosts: ["ws"] },
  "zoneid:Crontab": { schedule: "30 4 * * *" },
  "zoneid:SslCertificate": { hosts: ["www.example.com"] },
  "zoneid:FtpUser": { directory: "/" },
  "zoneid:CloudServer": { ramGb: 4 },
  "zoneid:DomainNameserver": { ips: ["192.0.2.53"] },
  "zoneid:DomainContact": { phone: "+372.5559999" },
  "zoneid:DomainSettings": { renewalNotifications: false },
  "zoneid:Pm2Process": { memoryLimit: 512 },
  "zoneid:PortForward": { acl: ["198.51.100.7"] },
  "zoneid:Redis": { state: "stopped" },
  "zoneid:SshSettings": { access: "public" },
  "zoneid:MailAutoreply": { subject: "Closed" },
  "zoneid:MailPremium": { package: "mail-premium-50" },
  "zoneid:AdditionalPackage": { quantity: 3 },
  "gigas:VirtualMachine": { label: "web 1 renamed" },
  "gigas:FirewallRule": { port: 2222 },
  "gigas:Disk": { mountPoint: "/srv" },
  "gigas:NetworkInterface": { label: "backend renamed" },
  "gigas:BackupRestore": { trigger: "2026-02-01" },
  "gigas:Template": { label: "golden image renamed" },
  "gandi:SimpleHostingInstance": { name: "web-1-renamed" },
  "gandi:SimpleHostingVhost": { httpsStrategy: "allow_HTTP_and_HTTPS" },
};

/** Kinds with no input that changes in place (README's resource table), and why. */
export const NO_IN_PLACE_INPUT: Record<string, string> = {
  "gigahost:DnsZone": "name and type replace; the other inputs only shape the zone at create",
  "gigahost:ServerSnapshot": "a snapshot cannot be changed: serverId and name replace",
  "terrahost:ServerSnapshot": "a snapshot cannot be changed: serverId and name replace",
  "terrahost:ServerIpv4": "Terrahost documents no move: type replaces and a serverId change is refused",
  "gigahost:BgpAsn": "the AS number is its only input, and it replaces",
  "gigahost:BgpSession": "sessions cannot be changed: every input replaces",
  "gigahost:PtrZone": "the prefix is its only input, and it replaces",
  "gigahost:SshKey": "Gigahost has no key update: name and publicKey replace",
  "gigahost:NoDomain": "domain replaces; the registration details are refused at check once registered",
  "zoneid:MysqlDatabase": "the API has no PUT for databases: name, collation and comment replace",
  "zoneid:SshKey": "the API has no PUT for keys: publicKey and comment replace",
  "gigas:IpAddress": "Gigas documents no edit of an IP: network, interface and address replace; the other fields are set at create only",
  "zoneid:DedicatedIp": "an address cannot be changed: service replaces (adopt only steers create)",
  "zoneid:SshAllowlistEntry": "the API has no PUT for allow-list entries: ip and comment replace",
  "zoneid:Dkim": "service is its only input, and it replaces",
  "zoneid:FtpAllowlistEntry": "the API has no PUT for allow-list entries: service and ip replace",
  "zoneid:DomainRenewal": "a renewal cannot be changed: each change of domain, period or expiry is another renewal",
};

/** Kinds whose delete leaves the object at the vendor (README's resource table), so a read after delete still finds it. */
export const DELETE_LEAVES_OBJECT: Record<string, string> = {
  "gigahost:Server": "stops managing; the server keeps running",
  "terrahost:Server": "stops managing; the server keeps running",
  "gigahost:ReverseDns": "restores the name from before; the address stays",
  "terrahost:ReverseDns": "restores the name from before; the address stays",
  "gigahost:DomainSettings": "restores what it found at create; the domain stays",
  "gigahost:NoDomain": "a .no domain cannot be unregistered",
  "gigahost:BgpAsn": "Gigahost has no API to delete an ASN",
  "gigahost:ServerIpv4": "no API releases an address: delete only forgets it",
  "terrahost:ServerIpv4": "no API releases an address: delete only forgets it",
  "zoneid:DnsZone": "stops managing; the zone stays",
  "zoneid:DomainSettings": "stops managing; the domain stays",
  "zoneid:Redis": "the API cannot deactivate Redis: it is stopped and stays activated",
  "zoneid:SshSettings": "stops managing; the setting stays as it is",
  "zoneid:MailAutoreply": "turns the autoreply off; the mailbox keeps its texts",
  "zoneid:MailPremium": "turns premium off (package none); the account stays",
  "gigas:BackupRestore": "a restore cannot be undone: delete forgets it; the disk and the backup stay, and a read still reports the restore",
};

export const kinds = registeredKinds(REPO_ROOT);
export const versions = recordedVersions();
export const fixtures: [string, CompatFixture][] = versions.flatMap((version) =>
  fixtureFiles(version).map((file): [string, CompatFixture] => [path.relative(REPO_ROOT, file), readFixture(file)]),
);

/** The lifecycle of every recorded fixture whose kind is of one of these vendors' namespaces (one test file per group, so jest runs them side by side). */
export function describeRecordedStates(namespaces: string[]): void {
  const chosen = fixtures.filter(([, fixture]) => namespaces.includes(fixture.kind.split(":")[0]));
  test("the group has recorded states", () => expect(chosen.length).toBeGreaterThan(0));
  describe.each(chosen)("%s", (_file, fixture) => {
    test(`${fixture.kind} state of ${fixture.packageVersion}: refresh, no diff, ${fixture.kind in IN_PLACE_CHANGES ? "in-place update, " : ""}delete, read after delete`, async () => {
      const { kind, id, urn } = fixture;
      const vendors = await startVendorFixture(familyOf(kind));
      try {
        for (const [vendor, state] of Object.entries(fixture.emulatorState)) vendors.emulators[vendor].restore(state);
        // Vendor time has moved on since the state was written: nothing it started is still running.
        const behind = fixture.emulatorClockMs - vendors.clock.now();
        if (behind > 0) vendors.clock.advance(behind);
        const host = vendors.fixture.host;

        // `pulumi refresh`: the engine sends the stored outputs (the stored stub among them)
        const refreshed = await host.read(id, urn, fixture.outputs, fixture.inputs);
        expect(refreshed.id).toBe(id);
        // no output a program may use disappears
        expect(Object.keys(fixture.outputs).filter((key) => !(key in refreshed.properties))).toEqual([]);
        const state = { inputs: refreshed.inputs ?? fixture.inputs, outputs: refreshed.properties };

        // `pulumi preview` of the program that wrote the state: no changes
        const unchanged = await host.check(urn, state.inputs, fixture.inputs);
        expect(unchanged.failures).toEqual([]);
        expect(await host.diff(id, urn, state.outputs, unchanged.inputs)).toMatchObject({ changes: "none" });

        const change = IN_PLACE_CHANGES[kind];
        if (change) {
          const changed = await host.check(urn, state.inputs, { ...fixture.inputs, ...change });
          expect(changed.failures).toEqual([]);
          expect(await host.diff(id, urn, state.outputs, changed.inputs)).toMatchObject({ changes: "some", replaces: [] });
          const updated = await host.update(id, urn, state.outputs, changed.inputs);
          const expected = Object.fromEntries(Object.keys(change).map((key) => [key, changed.inputs[key]]));
          expect(updated.properties).toMatchObject(expected);
          // the vendor holds it: a refresh reads it back
          const reread = await host.read(id, urn, updated.properties, changed.inputs);
          expect(reread.id).toBe(id);
          expect(reread.properties).toMatchObject(expected);
          state.inputs = reread.inputs ?? changed.inputs;
          state.outputs = reread.properties;
        }

        // `pulumi destroy`, then a refresh of the same state
        await host.delete(id, urn, state.outputs);
        const afterDelete = await host.read(id, urn, state.outputs, state.inputs);
        expect({ kind, id: afterDelete.id }).toEqual({ kind, id: kind in DELETE_LEAVES_OBJECT ? id : "" });
      } finally {
        await vendors.fixture.stop();
      }
    });
  });
}
