import * as pulumi from "@pulumi/pulumi";
import { EmulatorServer, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import { TerrahostEmulator } from "../../emulator/terrahost";

export interface BrandEmulators {
  server: EmulatorServer;
  gigahostApi: GigahostEmulator;
  terrahostApi: TerrahostEmulator;
}

/**
 * Gigahost's and Terrahost's emulators on one server, with Pulumi's mocks set
 * so lookups run as in a program, and a stack config holding each brand's URL
 * and API key (secret).
 */
export async function startBrandEmulators(): Promise<BrandEmulators> {
  const gigahostApi = new GigahostEmulator();
  const terrahostApi = new TerrahostEmulator();
  const server = await startEmulatorServer([gigahostApi, terrahostApi]);
  await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
  pulumi.runtime.setAllConfig(
    {
      "gigahost:apiUrl": server.urlFor("gigahost"),
      "gigahost:apiKey": DEFAULT_GIGAHOST_API_KEY,
      "terrahost:apiUrl": server.urlFor("terrahost"),
      "terrahost:apiKey": DEFAULT_GIGAHOST_API_KEY,
    },
    ["gigahost:apiKey", "terrahost:apiKey"],
  );
  return { server, gigahostApi, terrahostApi };
}
