import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator, GigahostEmulatorOptions } from "../../emulator/gigahost";
import { createEmulatorClock } from "../../emulator/core";
import { TerrahostEmulator } from "../../emulator/terrahost";
import type * as pulumi from "@pulumi/pulumi";
import { programResource } from "../harness/engine";
import { Props, secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "./fixture";

export interface GigahostFixture extends Fixture {
  gigahost: GigahostEmulator;
}

/** The Gigahost emulator and a provider host configured for it (API key by default). */
export async function startGigahost(
  options: GigahostEmulatorOptions = {},
  config: (url: string) => Props = (url) => ({ "gigahost:apiUrl": url, "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY) }),
): Promise<GigahostFixture> {
  const gigahost = new GigahostEmulator({ zoneWriteMs: 10, ...options });
  const fixture = await startFixture([gigahost], (server) => config(server.urlFor("gigahost")));
  // Assign onto the fixture: spreading it would freeze its `host` getter.
  return Object.assign(fixture, { gigahost });
}

export interface PlatformFixture extends Fixture {
  /** The emulator of each brand: Gigahost at /gigahost/api/v0, Terrahost at /terrahost/api/v3 (its documented routes only). */
  brands: { gigahost: GigahostEmulator; terrahost: TerrahostEmulator };
}

/**
 * Gigahost and Terrahost emulators on one server, on a clock running
 * `timeScale` times faster than real time (the provider process runs at the
 * same speed), and a provider host with API keys for both brands.
 */
export async function startGigahostPlatform(
  options: Omit<GigahostEmulatorOptions, "clock" | "vendor" | "basePath"> = {},
  timeScale = 240,
): Promise<PlatformFixture> {
  const clock = createEmulatorClock({ scale: timeScale });
  const gigahost = new GigahostEmulator({ zoneWriteMs: 10, ...options, clock });
  const terrahost = new TerrahostEmulator({ zoneWriteMs: 10, ...options, clock });
  const fixture = await startFixture(
    [gigahost, terrahost],
    (server) => ({
      "gigahost:apiUrl": server.urlFor("gigahost"),
      "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY),
      "terrahost:apiUrl": server.urlFor("terrahost"),
      "terrahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY),
    }),
    { timeScale },
  );
  return Object.assign(fixture, { brands: { gigahost, terrahost } });
}

/**
 * Declares one resource kind under either brand, with that brand's class
 * (Gigahost's and Terrahost's take the same inputs): `declare(brand, name, args)`.
 */
export function brandResource<Args>(classes: Record<"gigahost" | "terrahost", new (name: string, args: Args) => pulumi.Resource>) {
  return (brand: "gigahost" | "terrahost", name: string, args: Args) => programResource(() => new classes[brand](name, args));
}

/** A .no domain registered by an organisation (its Brønnøysund number): what NoDomain's tests and the compat recorder register. */
export const NO_DOMAIN_ORGANIZATION = {
  domain: "nordlys-eksempel.no",
  registrant: { type: "organization", orgNumber: "923 609 016", companyName: "Example AS" },
  email: "hostmaster@example.no",
  applicantName: "Ola Nordmann",
  zipCode: "0123",
  city: "Oslo",
} as const;
