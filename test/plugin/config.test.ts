import { changedConfigKeys, checkProviderConfig, configFromVariables, providerSettings } from "../../provider/plugin/config";
import { UNKNOWN, secret } from "../../provider/plugin/marshal";
import { redact } from "../../provider/redact";

describe("checkProviderConfig", () => {
  test.each([
    ["an object of known settings", { gigahost: { apiKey: "k-1", apiUrl: "https://x" } }, []],
    ["its JSON text (stack config set with --path)", { zoneid: '{"username":"me","apiKey":"z-1"}' }, []],
    ["numbers and booleans (a YAML program's values)", { gigas: { accountId: 12345 } }, []],
    ["the engine's version key, null and unknown values", { version: "0.2.0", gandi: null, terrahost: UNKNOWN, gigas: { apiKey: UNKNOWN } }, []],
    ["secrets", { gigahost: secret('{"apiKey":"k-1"}'), zoneid: { apiKey: secret("z-1") } }, []],
    ["a setting of another vendor", { zoneid: { password: "p-1" } }, [["zoneid.password", 'euro-hosting:zoneid has no setting "password"; its settings are username, apiKey, apiUrl']]],
    ["a list", { gandi: ["pat"] }, [["gandi", expect.stringContaining("must be an object of gandi's settings")]]],
    ["a nested object", { gandi: { apiKey: { value: "x" } } }, [["gandi.apiKey", "must be a string"]]],
  ])("%s", (_label, config, expected) => {
    expect(checkProviderConfig(config).map((failure) => [failure.property, failure.reason])).toEqual(expected);
  });
});

describe("providerSettings", () => {
  test("reads every vendor's settings as the qualified keys the clients ask for, numbers as text", () => {
    const settings = providerSettings({ gigahost: { apiKey: "k-1", apiUrl: "https://a" }, gigas: '{"accountId": 123}', version: "0.2.0" });
    expect(["gigahost:apiKey", "gigahost:apiUrl", "gigas:accountId", "gigahost:username", "zoneid:apiKey"].map(settings)).toEqual(["k-1", "https://a", "123", undefined, undefined]);
  });

  test("a setting sent as a secret is redacted from then on; a whole secret object leaves its credentials to the clients and its endpoint readable", () => {
    providerSettings({ zoneid: { username: secret("secret-user-41"), apiUrl: "https://zone.example/v2" }, gigahost: secret('{"apiUrl":"https://gigahost.example/v0"}') });
    expect(redact("user secret-user-41 at https://zone.example/v2 and https://gigahost.example/v0")).toBe(
      "user [REDACTED] at https://zone.example/v2 and https://gigahost.example/v0",
    );
  });

  test("an invalid configuration fails, naming every problem and no value", () => {
    expect(() => providerSettings({ gigahost: { apiKy: "k-value-1" }, gandy: {} })).toThrow(
      'invalid euro-hosting configuration: gigahost.apiKy: euro-hosting:gigahost has no setting "apiKy"; its settings are apiKey, username, password, totpSecret, apiUrl; ' +
        "gandy: euro-hosting:gandy is not a configuration key of euro-hosting: its configuration is one object per vendor, " +
        "euro-hosting:gigahost, euro-hosting:terrahost, euro-hosting:zoneid, euro-hosting:gigas, euro-hosting:gandi",
    );
  });
});

test("configFromVariables reads the deprecated variables map an engine without args sends", () => {
  expect(configFromVariables([["euro-hosting:config:gigahost", '{"apiKey":"k"}'], ["other:config:x", "y"]])).toEqual({ gigahost: '{"apiKey":"k"}' });
});

test.each([
  ["the same settings, in another form or order", { gigahost: { apiKey: "a", apiUrl: "u" } }, { gigahost: '{"apiUrl":"u","apiKey":"a"}' }, []],
  ["a changed setting", { gigahost: { apiKey: "a" } }, { gigahost: { apiKey: "b" } }, ["gigahost"]],
  ["a vendor added", {}, { zoneid: { apiKey: "z" } }, ["zoneid"]],
  ["an unknown value", { gigas: { apiKey: "a" } }, { gigas: UNKNOWN }, ["gigas"]],
  ["only the version", { version: "0.1.0" }, { version: "0.2.0" }, []],
])("changedConfigKeys: %s", (_label, olds, news, expected) => {
  expect(changedConfigKeys(olds, news)).toEqual(expected);
});
