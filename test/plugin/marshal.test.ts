import {
  OUTPUT_VALUE_SIG,
  RESOURCE_REFERENCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
  containsSecret,
  fromStruct,
  plain,
  secret,
  toStruct,
  withSecrets,
} from "../../provider/plugin/marshal";

const reference = (urn: string, id?: string) => ({ [SIG_KEY]: RESOURCE_REFERENCE_SIG, urn, ...(id === undefined ? {} : { id }), packageVersion: "" });

describe("plain: values as resource code sees them", () => {
  test.each([
    ["a string", "text", "text"],
    ["a secret", secret("hunter22"), "hunter22"],
    ["a secret inside an object inside a list", [{ name: "a", password: secret("pw-123456") }], [{ name: "a", password: "pw-123456" }]],
    ["a secret object", secret({ apiKey: "k-123456", apiUrl: "https://x" }), { apiKey: "k-123456", apiUrl: "https://x" }],
    ["an unknown stays unknown", UNKNOWN, UNKNOWN],
    ["a secret unknown", secret(UNKNOWN), UNKNOWN],
    ["a custom resource's reference: its id", reference("urn:pulumi:dev::p::euro-hosting:gigahost:DnsZone::z", "81"), "81"],
    ["a reference to a resource without id: its URN", reference("urn:pulumi:dev::p::my:Component::c", ""), "urn:pulumi:dev::p::my:Component::c"],
    ["an output value", { [SIG_KEY]: OUTPUT_VALUE_SIG, value: "v", secret: true, dependencies: [] }, "v"],
    ["an output value without value: unknown", { [SIG_KEY]: OUTPUT_VALUE_SIG, dependencies: [] }, UNKNOWN],
    ["null", null, null],
  ])("%s", (_label, value, expected) => {
    expect(plain(value)).toEqual(expected);
  });
});

describe("containsSecret", () => {
  test.each([
    [secret("x"), true],
    [{ nested: [1, { deeper: secret(2) }] }, true],
    [{ [SIG_KEY]: OUTPUT_VALUE_SIG, value: "v", secret: true }, true],
    [{ [SIG_KEY]: OUTPUT_VALUE_SIG, value: "v", secret: false }, false],
    [{ nested: [1, { deeper: 2 }] }, false],
    ["plain", false],
  ])("%j → %s", (value, expected) => {
    expect(containsSecret(value)).toBe(expected);
  });
});

describe("withSecrets: answers keep the secrets of requests", () => {
  test("a secret input stays secret in the answer, property by property inside objects; other values stay plain", () => {
    const ins = { name: "web", password: secret("pw-123456"), settings: { token: secret("tok-123456"), size: 2 }, list: [1, secret(2)] };
    const outs = { name: "web", password: "pw-123456", settings: { token: "tok-123456", size: 2 }, list: [1, 2], id: "7" };
    expect(withSecrets(outs, ins)).toEqual({
      name: "web",
      password: secret("pw-123456"),
      settings: { token: secret("tok-123456"), size: 2 },
      // A list is secret as a whole: its order may change across an operation.
      list: secret([1, 2]),
      id: "7",
    });
  });

  test("the definition's secret properties are secret whatever came in; absent or null ones are left alone", () => {
    expect(withSecrets({ rootPassword: "generated-1", name: "a", authCode: null }, { name: "a" }, ["rootPassword", "authCode", "missing"])).toEqual({
      rootPassword: secret("generated-1"),
      name: "a",
      authCode: null,
    });
  });

  test("an input that was wholly secret makes the same output secret even when the output is an object", () => {
    expect(withSecrets({ settings: { a: 1 } }, { settings: secret({ a: 1 }) })).toEqual({ settings: secret({ a: 1 }) });
  });
});

describe("Struct round trip", () => {
  test("marks and unknowns survive; undefined values are left out (a Struct cannot hold them)", () => {
    const values = { a: secret("s3cret-value"), b: UNKNOWN, c: [1, "two", null, { d: true }], e: undefined };
    const struct = toStruct(values);
    expect(fromStruct(struct)).toEqual({ a: { [SIG_KEY]: SECRET_SIG, value: "s3cret-value" }, b: UNKNOWN, c: [1, "two", null, { d: true }] });
    expect(fromStruct(undefined)).toEqual({});
  });
});
