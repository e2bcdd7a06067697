import * as gigahost from "pulumi-euro-hosting/gigahost";

// A zone with a web front, mail, SPF and DMARC. Point the stack at the
// bundled emulator to try it offline (see README: "Try it without an account").
const zone = new gigahost.DnsZone("zone", { name: "example-shop.no" });

const web = ["192.0.2.10", "192.0.2.11"].map(
  (address, i) => new gigahost.DnsRecord(`web-${i}`, { zoneId: zone.zoneId, name: "@", type: "A", value: address, ttl: 300 }),
);

new gigahost.DnsRecord("www", { zoneId: zone.zoneId, name: "www", type: "CNAME", value: "example-shop.no" });
new gigahost.DnsRecord("mx", { zoneId: zone.zoneId, name: "@", type: "MX", value: "mx1.example-mail.no", priority: 10 });
new gigahost.DnsRecord("spf", { zoneId: zone.zoneId, name: "@", type: "TXT", value: "v=spf1 mx -all" });
new gigahost.DnsRecord("dmarc", { zoneId: zone.zoneId, name: "_dmarc", type: "TXT", value: "v=DMARC1; p=quarantine" });

export const zoneId = zone.zoneId;
export const webRecordIds = web.map((record) => record.recordId);
