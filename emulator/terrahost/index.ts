// The Terrahost API fake (docs/vendor-documents.md, "Terrahost: API v3"): the
// Gigahost platform emulator under Terrahost's base path, serving only the
// routes Terrahost documents. Gigahost's DNS, BGP, deploy and domain endpoints
// answer 404 here, so a Terrahost resource that strays onto them fails our
// tests.
import { GigahostEmulator, type GigahostEmulatorOptions } from "../gigahost/emulator";
import { TERRAHOST_DOCUMENTED_ROUTES } from "../gigahost/documented";

export type TerrahostEmulatorOptions = Omit<GigahostEmulatorOptions, "vendor" | "documentedRoutes">;

export const TERRAHOST_BASE_PATH = "/terrahost/api/v3";

export class TerrahostEmulator extends GigahostEmulator {
  constructor(options: TerrahostEmulatorOptions = {}) {
    super({ basePath: TERRAHOST_BASE_PATH, ...options, vendor: "terrahost", documentedRoutes: TERRAHOST_DOCUMENTED_ROUTES });
  }
}

export { TERRAHOST_DOCUMENTED_ROUTES };
