import { ApiError, unlessGone } from "../errors";
import { urlPath } from "../urlPath";
import { HttpCore } from "../http";
import {
  DeployBody,
  DeployCatalogWire,
  DeployStatusWire,
  acknowledgement,
  deployCatalog,
  deployOrdered,
  deployStatusList,
} from "./wire";

/** The `/deploy` endpoints (Gigahost): the catalog, orders and their status; and cancelling servers. */
export class DeployApi {
  constructor(private readonly http: HttpCore) {}

  /** Tiers of products with their price and region ids, the regions, and whether the account may deploy. */
  async catalog(): Promise<DeployCatalogWire> {
    const { body } = await this.http.request({ method: "GET", path: "/deploy/servers", schema: deployCatalog });
    return body.data;
  }

  /** Places an order; returns its order ids. Never retried here: callers reconcile. */
  async order(body: DeployBody): Promise<string[]> {
    const { body: answer } = await this.http.request({ method: "POST", path: "/deploy/servers", body, schema: deployOrdered, retry: false });
    return answer.data.order_ids;
  }

  /**
   * Orders still in progress: the given ones, or every one of the account.
   * Done AND failed orders are no longer listed (there is no failure status; docs/gigahost.md, "DeployedServer (Gigahost)").
   */
  async status(orderIds?: readonly string[]): Promise<DeployStatusWire[]> {
    const { body } = await this.http.request({
      method: "GET",
      path: "/deploy/status",
      query: orderIds ? { ids: orderIds.join(",") } : undefined,
      schema: deployStatusList,
    });
    return body.data;
  }

  /**
   * `POST /servers/{id}/cancel` (undocumented, live, Gigahost only; docs/gigahost.md,
   * "Requests beyond the documents"): terminates the server and
   * its billing. "gone" on 404; "refused" on 400, which is also the answer for a
   * server that died while provisioning (docs/gigahost.md, "Vendor quirks handled"): the caller
   * decides from `/servers`.
   */
  async cancel(serverId: string): Promise<"cancelled" | "gone" | { refused: string }> {
    try {
      // Repeating a cancel is harmless: a cancelled server answers 404, read as gone.
      const answer = await unlessGone(this.http.request({ method: "POST", path: urlPath`/servers/${serverId}/cancel`, schema: acknowledgement, retry: true }));
      return answer ? "cancelled" : "gone";
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) return { refused: error.vendorMessage ?? error.message };
      throw error;
    }
  }
}
