import * as zoneid from "pulumi-euro-hosting/zoneid";

// Zone.eu zones come with a domain or hosting service: DnsZone takes one over.
const zone = new zoneid.DnsZone("zone", { name: "example-shop.ee", ipv6: true });

new zoneid.DnsRecord("apex", { zone: zone.name, type: "a", name: "@", destination: "192.0.2.10" });
new zoneid.DnsRecord("apex-v6", { zone: zone.name, type: "aaaa", name: "@", destination: "2001:db8::10" });
new zoneid.DnsRecord("www", { zone: zone.name, type: "cname", name: "www", destination: "example-shop.ee" });
new zoneid.DnsRecord("mail", { zone: zone.name, type: "mx", name: "@", destination: "mx1.example-mail.ee", priority: 10 });
new zoneid.DnsRecord("spf", { zone: zone.name, type: "txt", name: "@", destination: "v=spf1 mx -all" });
new zoneid.DnsRecord("caa", { zone: zone.name, type: "caa", name: "@", flag: 0, tag: "issue", destination: "letsencrypt.org" });
