import { ZoneFileError, parseZoneFile } from "../../emulator/gigahost";

describe("parseZoneFile", () => {
  it.each([
    ["a relative owner", "www IN A 192.0.2.1", [{ name: "www", type: "A", value: "192.0.2.1", ttl: 3600, priority: null }]],
    ["an absolute owner", "WWW.Example.NO. A 192.0.2.1", [{ name: "www", type: "A", value: "192.0.2.1", ttl: 3600, priority: null }]],
    ["the apex as @", "@ 60 IN AAAA 2001:db8::1", [{ name: "@", type: "AAAA", value: "2001:db8::1", ttl: 60, priority: null }]],
    ["the apex by name", "example.no. IN NS ns1.gigahost.no.", [{ name: "@", type: "NS", value: "ns1.gigahost.no", ttl: 3600, priority: null }]],
    ["class before TTL", "www IN 120 A 192.0.2.1", [{ name: "www", type: "A", value: "192.0.2.1", ttl: 120, priority: null }]],
    ["a unit TTL", "$TTL 1d\nwww A 192.0.2.1", [{ name: "www", type: "A", value: "192.0.2.1", ttl: 86400, priority: null }]],
    ["a relative MX host", "@ MX 5 mx", [{ name: "@", type: "MX", value: "mx.example.no", ttl: 3600, priority: 5 }]],
    ["a nested $ORIGIN", "$ORIGIN sub\nwww A 192.0.2.1", [{ name: "www.sub", type: "A", value: "192.0.2.1", ttl: 3600, priority: null }]],
    ["a wildcard", "*.dev A 192.0.2.1", [{ name: "*.dev", type: "A", value: "192.0.2.1", ttl: 3600, priority: null }]],
    [
      "split TXT strings with a semicolon inside quotes",
      '_dmarc TXT "v=DMARC1; p=none;" " rua=mailto:d@example.no" ; comment',
      [{ name: "_dmarc", type: "TXT", value: "v=DMARC1; p=none; rua=mailto:d@example.no", ttl: 3600, priority: null }],
    ],
    ["CAA kept as written", '@ CAA 0 issue "letsencrypt.org"', [{ name: "@", type: "CAA", value: '0 issue "letsencrypt.org"', ttl: 3600, priority: null }]],
    ["only comments and SOA", "; nothing\n@ SOA a. b. (1 2\n 3 4 5)\n", []],
  ])("reads %s", (_case, text, expected) => {
    expect(parseZoneFile(text, "example.no")).toEqual(expected);
  });

  it.each([
    ["a record before any owner", "  A 192.0.2.1"],
    ["an unterminated string", 'www TXT "open'],
    ["an MX without priority", "@ MX mail.example.no."],
    ["a CH class record", "www CH A 192.0.2.1"],
    ["a bad $TTL", "$TTL forever"],
  ])("refuses %s", (_case, text) => {
    expect(() => parseZoneFile(text, "example.no")).toThrow(ZoneFileError);
  });
});
