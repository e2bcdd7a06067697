import { asciiName, isHostname, normalizeHostname, recordNameInZone, trimRecordValue, valueEdgeProblem } from "../../provider/dns";

describe("names as the vendors store them", () => {
  test.each([
    ["bücher", "xn--bcher-kva"],
    ["Bücher.Example", "xn--bcher-kva.example"],
    ["*.bücher", "*.xn--bcher-kva"],
    ["_dmarc.café", "_dmarc.xn--caf-dma"],
    ["www.example.no", "www.example.no"],
  ])("asciiName(%p) = %p", (name, ascii) => {
    expect(asciiName(name.toLowerCase())).toBe(ascii);
  });

  test("host names: internationalized labels are accepted and stored in xn-- form", () => {
    expect(isHostname("bücher.example.")).toBe(true);
    expect(normalizeHostname(" Bücher.Example. ")).toBe("xn--bcher-kva.example");
    expect(isHostname("bad label.example")).toBe(false);
  });

  test.each([
    ["www", "example.no", "www", "www.example.no"],
    ["Www.Example.No", "example.no", "www", "www.example.no"],
    ["WWW.EXAMPLE.NO.", "example.no", "www", "www.example.no"],
    ["Example.No", "example.no", "@", "example.no"],
    ["@", "example.no", "@", "example.no"],
    ["www.dev", "example.no", "www.dev", "www.dev.example.no"],
    ["bücher", "example.no", "xn--bcher-kva", "xn--bcher-kva.example.no"],
    ["www", "bücher.example", "www", "www.xn--bcher-kva.example"],
    ["Www.Bücher.Example.", "bücher.example", "www", "www.xn--bcher-kva.example"],
    ["www.xn--bcher-kva.example", "bücher.example", "www", "www.xn--bcher-kva.example"],
  ])("recordNameInZone(%p, %p) is relative %p, full name %p", (name, zone, relative, fqdn) => {
    expect(recordNameInZone(name, zone)).toEqual({ relative, fqdn });
  });

  test("a fully qualified name outside the zone is refused", () => {
    expect(recordNameInZone("www.other.no.", "example.no")).toEqual({ problem: '"www.other.no." is fully qualified but not inside zone example.no' });
  });

  test.each([
    ["v=DKIM1; p=MIGf\n", "v=DKIM1; p=MIGf"],
    ["  hello world \r\n", "hello world"],
    ["\tinner  spaces\tkept\n", "inner  spaces\tkept"],
  ])("trimRecordValue(%p) = %p", (value, trimmed) => {
    expect(trimRecordValue(value)).toBe(trimmed);
    expect(valueEdgeProblem(trimRecordValue(value))).toBeUndefined();
  });

  test("a value ending in a non-ASCII space is refused, naming the character", () => {
    expect(valueEdgeProblem(trimRecordValue("hello\u00a0\n"))).toContain("U+00A0");
  });
});
