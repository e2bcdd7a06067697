import * as pulumi from "@pulumi/pulumi";
import { createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import { PREMIUM_PACKAGES } from "../../emulator/zoneid/hosting-settings-state";
import { getMailAppPasswords, getMailPremium } from "../../resources/zoneid";

const SERVICE = "mail.example.com";

test("mailbox lookups: application passwords, premium status and the packages on offer", async () => {
  const zoneid = new ZoneidEmulator({ clock: createEmulatorClock() });
  const server = await startEmulatorServer([zoneid]);
  try {
    await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
    pulumi.runtime.setAllConfig(
      { "zoneid:apiUrl": server.urlFor("zoneid"), "zoneid:username": DEFAULT_ZONEID_USERNAME, "zoneid:apiKey": DEFAULT_ZONEID_API_KEY },
      ["zoneid:apiKey"],
    );
    zoneid.addWebHosting(SERVICE);
    zoneid.hosting.create(SERVICE, "mail/account", { address: "info@example.com", password: "long-Password-1" });

    // application passwords: made by the mailbox's owner, listed here
    expect(await getMailAppPasswords({ service: SERVICE, address: "info@example.com" })).toEqual([]);
    const made = zoneid.hostingSettings.addAppPassword(SERVICE, "info@example.com", "phone", ["imap"]);
    expect(await getMailAppPasswords({ service: "Mail.Example.com.", address: "Info@Example.com" })).toEqual([
      { id: made.identificator, type: "zmail", name: "phone", scopes: ["imap"], created: "2026-01-01T00:00:00+02:00", lastUsed: null },
    ]);
    await expect(getMailAppPasswords({ service: SERVICE, address: "nobody@example.com" })).rejects.toThrow(/has no mail account nobody@example\.com/);

    // premium: "none" until set; the packages offered to it and to a new account
    const offered = PREMIUM_PACKAGES.map((item) => item.package);
    const premium = await getMailPremium({ service: SERVICE, address: "info@example.com" });
    expect(premium.current).toMatchObject({ package: "none", allowed: true });
    expect(premium.available.map((item) => item.package)).toEqual(offered);
    expect(premium.available[0]).toEqual({ package: offered[0], allowed: true, diskSize: 10 * 1024 ** 3, priceMonth: 1.5, priceYear: 15 });
    zoneid.hostingSettings.setPremium(SERVICE, "info@example.com", { package: offered[1] });
    expect((await getMailPremium({ service: SERVICE, address: "info@example.com" })).current).toMatchObject({ package: offered[1] });
    const forNew = await getMailPremium({ service: SERVICE });
    expect(forNew.current).toBeNull();
    expect(forNew.available.map((item) => item.package)).toEqual(offered);
    expect(server.requests.some((request) => request.method === "OPTIONS" && decodeURIComponent(request.path).endsWith(`/mail/account/@${SERVICE}/premium`))).toBe(true);
    await expect(getMailPremium({ service: SERVICE, address: "nobody@example.com" })).rejects.toThrow(/has no mail account nobody@example\.com/);

    // arguments that would change the request path are refused before any request, naming the argument
    server.resetRequests();
    await expect(getMailAppPasswords({ service: "..", address: "info@example.com" })).rejects.toThrow(/getMailAppPasswords: `service`/);
    await expect(getMailAppPasswords({ service: SERVICE, address: "../asp" })).rejects.toThrow(/getMailAppPasswords: `address` must be an e-mail address/);
    await expect(getMailPremium({ service: SERVICE, address: "a/b@example.com" })).rejects.toThrow(/getMailPremium: `address`/);
    expect(server.requests).toHaveLength(0);
  } finally {
    await server.close();
  }
});
