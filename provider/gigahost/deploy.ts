import { HttpCore } from "../http";
import { DeployCatalogWire, deployCatalog } from "./wire";

/** The `/deploy` endpoints (Gigahost): the catalog, orders and their status. */
export class DeployApi {
  constructor(private readonly http: HttpCore) {}

  /** Tiers of products with their price and region ids, the regions, and whether the account may deploy. */
  async catalog(): Promise<DeployCatalogWire> {
    const { body } = await this.http.request({ method: "GET", path: "/deploy/servers", schema: deployCatalog });
    return body.data;
  }
}
