import { ConfigurationError } from "../../provider/errors";
import { redact, registerSecret } from "../../provider/redact";
import { apiUrlSetting, environmentName, rememberProviderConfig, providerConfigSource, vendorSettings } from "../../provider/settings";

describe("redact", () => {
  test.each([
    ["Authorization: Bearer abc.def-123", "Authorization: Bearer [REDACTED]"],
    ["Basic ZGVtbzpzZWNyZXQ=", "Basic [REDACTED]"],
    ['{"password":"hunter2","user":"x"}', '{"password":[REDACTED],"user":"x"}'],
    ["root_passwd=abc123&x=1", "root_passwd=[REDACTED]&x=1"],
    [`key flux_live_${"ab".repeat(32)} used`, "key [REDACTED] used"],
    ["nothing secret here", "nothing secret here"],
  ])("%p → %p", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test("registered secrets vanish wherever they appear", () => {
    registerSecret("s3ntinel-value");
    expect(redact("login failed for s3ntinel-value at /x?k=s3ntinel-value")).toBe("login failed for [REDACTED] at /x?k=[REDACTED]");
  });
});

describe("settings", () => {
  test.each([
    ["gigahost", "apiKey", "GIGAHOST_API_KEY"],
    ["gandi", "personalAccessToken", "GANDI_PERSONAL_ACCESS_TOKEN"],
    ["zoneid", "apiUrl", "ZONEID_API_URL"],
  ])("environmentName(%p, %p) = %p", (vendor, key, expected) => {
    expect(environmentName(vendor, key)).toBe(expected);
  });

  test("stack config wins over the environment; blank values count as missing", () => {
    const config: Record<string, string> = { "gigahost:apiKey": "from-config", "gigahost:username": "  " };
    const settings = vendorSettings("gigahost", (key) => config[key], {
      GIGAHOST_API_KEY: "from-env",
      GIGAHOST_USERNAME: "env-user",
      GIGAHOST_PASSWORD: "env-password",
    });
    expect(settings.get("apiKey")).toBe("from-config");
    expect(settings.get("username")).toBe("env-user");
    expect(settings.get("password")).toBe("env-password");
    expect(settings.get("apiUrl")).toBeUndefined();
    expect(settings.describe("apiKey")).toBe("gigahost:apiKey / GIGAHOST_API_KEY");
  });

  test("credentials read through settings are redacted from then on", () => {
    const settings = vendorSettings("gigahost", () => "a-long-api-key-value", {});
    settings.get("apiKey");
    expect(redact("key a-long-api-key-value")).toBe("key [REDACTED]");
  });

  test("apiUrl is validated and loses its trailing slash", () => {
    const settingsFor = (url?: string) => vendorSettings("gigahost", (key) => (key === "gigahost:apiUrl" ? url : undefined), {});
    expect(apiUrlSetting(settingsFor(undefined), "https://api.gigahost.no/api/v0")).toBe("https://api.gigahost.no/api/v0");
    expect(apiUrlSetting(settingsFor("http://127.0.0.1:8787/gigahost/api/v0/"), "x")).toBe("http://127.0.0.1:8787/gigahost/api/v0");
    expect(() => apiUrlSetting(settingsFor("not a url"), "x")).toThrow(ConfigurationError);
    expect(() => apiUrlSetting(settingsFor("ftp://host"), "x")).toThrow("gigahost:apiUrl / GIGAHOST_API_URL must be an http(s) URL");
  });

  test("provider config keeps the known keys from the host's Config, tolerating a missing config", () => {
    rememberProviderConfig({ get: (key) => ({ "gigahost:apiKey": "k1", other: "x" })[key] }, ["gigahost:apiKey", "gigahost:apiUrl"]);
    expect(providerConfigSource("gigahost:apiKey")).toBe("k1");
    expect(providerConfigSource("gigahost:apiUrl")).toBeUndefined();
    rememberProviderConfig({ get: () => { throw new TypeError("no config"); } }, ["gigahost:apiKey"]);
    expect(providerConfigSource("gigahost:apiKey")).toBeUndefined();
  });
});
