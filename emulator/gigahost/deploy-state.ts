// Ordering new servers (docs/vendor-documents.md,
// "Gigahost: deploying new servers"): the catalog, orders that advance on the
// emulator clock, and the verified quirks: an order vanishes from
// /deploy/status when it is done AND when it failed (there is no failure
// status), and a server that died while provisioning answers 400 to cancel
// (docs/gigahost.md, "Vendor quirks handled"). Each stage of an order is a job
// on the job clock, scheduled again from the order's stored times on restore.
import { EmulatorError, type JobClock } from "../core";
import { OPERATING_SYSTEMS } from "./server-catalog";
import type { GigahostServerState } from "./server-state";

/** Model choice: the docs name these fields but show no example. */
export const DEPLOY_REGIONS = [
  { region_id: "1", region_name: "Oslo", region_location: "DC2" },
  { region_id: "2", region_name: "Sandefjord", region_location: "DC1" },
];

export const DEPLOY_TIERS = [
  {
    tier_id: "1",
    tier_name: "KVM VPS",
    products: [
      { product_id: "2058", product_name: "KVM 2048", price_id: "311", price: "199.00", cores: "2", ram: "2", disk: "40", region_ids: ["1", "2"], allow_hourly: "1", type: "vps" },
      { product_id: "2059", product_name: "KVM 4096", price_id: "312", price: "299.00", cores: "4", ram: "4", disk: "50", region_ids: ["1"], allow_hourly: "1", type: "vps" },
    ],
  },
  {
    tier_id: "2",
    tier_name: "Dedicated",
    products: [
      { product_id: "3101", product_name: "E-2236 32GB", price_id: "401", price: "1199.00", cores: "6", ram: "32", disk: "960", region_ids: ["1"], allow_hourly: "0", type: "dedicated" },
    ],
  },
];

export const BILLING_PERIODS = ["hourly", "monthly", "quarterly", "annual"];

export interface DeployTimings {
  /** From order to "deploying" (the server id appears); default 30 s. */
  queueMs: number;
  /** From "deploying" to "installing" (password, addresses); default 30 s. */
  provisionMs: number;
  /** From "installing" to done; default 4 minutes. */
  installMs: number;
}

interface StoredOrder {
  id: number;
  productId: string;
  regionId: string;
  osId: string;
  hostname: string;
  placedAt: number;
  serverId: string | null;
  password: string | null;
  /** Set by failOrder: the order vanishes and its server dies at this emulator time. */
  failAt: number | null;
  gone: boolean;
}

type Stage = "waiting" | "deploying" | "installing";

export interface DeploySnapshot {
  nextOrderId: number;
  orders: StoredOrder[];
}

export class GigahostDeployState {
  private nextOrderId = 9001;
  private orders = new Map<number, StoredOrder>();
  /** Set by failNextOrder: the next order placed fails this long after it was placed. */
  private nextFailureMs: number | null = null;
  /** Where each order in progress stands; set by its jobs, not stored (it follows from the order's times). */
  private stages = new Map<number, Stage>();

  constructor(
    private readonly jobs: JobClock,
    private readonly servers: GigahostServerState,
    private readonly timings: DeployTimings,
  ) {}

  catalog(): Record<string, unknown> {
    return { tiers: DEPLOY_TIERS, regions: DEPLOY_REGIONS, eligibility: { can_deploy: true, reason: "" } };
  }

  /** POST /deploy/servers → the new order ids. */
  order(body: Record<string, unknown>): number[] {
    const product = DEPLOY_TIERS.flatMap((tier) => tier.products).find((candidate) => candidate.product_id === String(body.pid ?? body.hash ?? ""));
    if (!product) throw new EmulatorError(400, "Invalid product.");
    if (String(body.price_id ?? "") !== product.price_id) throw new EmulatorError(400, "Invalid price for this product.");
    const regionId = String(body.region_id ?? "");
    if (!product.region_ids.includes(regionId)) throw new EmulatorError(400, "The product is not available in this region.");
    const period = String(body.billing_period ?? "");
    if (!BILLING_PERIODS.includes(period)) throw new EmulatorError(400, "Invalid billing period.");
    if (period === "hourly" && product.allow_hourly !== "1") throw new EmulatorError(400, "Hourly billing is not available for this product.");
    const installs = ["os_id", "iso_id", "rescue"].filter((field) => body[field] !== undefined && body[field] !== null && body[field] !== false && body[field] !== 0);
    if (installs.length !== 1) throw new EmulatorError(400, "Exactly one of os_id, iso_id or rescue is required.");
    if (body.os_id !== undefined && !OPERATING_SYSTEMS.some((os) => os.os_id === String(body.os_id))) throw new EmulatorError(400, "Invalid operating system.");
    const quantity = Number(body.quantity ?? 1);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10) throw new EmulatorError(400, "Quantity must be between 1 and 10.");
    const hostnames = body.hostnames;
    if (!Array.isArray(hostnames) || hostnames.length !== quantity || hostnames.some((name) => typeof name !== "string" || name.trim() === "")) {
      throw new EmulatorError(400, "One hostname per server is required.");
    }
    if (body.ssh_keys !== undefined && (!Array.isArray(body.ssh_keys) || body.ssh_keys.some((key) => typeof key !== "string"))) {
      throw new EmulatorError(400, "ssh_keys must be a list of public keys.");
    }
    const now = this.jobs.clock.now();
    return (hostnames as string[]).map((hostname) => {
      const order: StoredOrder = {
        id: this.nextOrderId++,
        productId: product.product_id,
        regionId,
        osId: body.os_id !== undefined ? String(body.os_id) : "72",
        hostname,
        placedAt: now,
        serverId: null,
        password: null,
        failAt: this.nextFailureMs === null ? null : now + this.nextFailureMs,
        gone: false,
      };
      this.nextFailureMs = null;
      this.orders.set(order.id, order);
      this.schedule(order);
      return order.id;
    });
  }

  /** GET /deploy/status?ids=: orders still in progress; done and failed ones are omitted. */
  status(ids: string | undefined): Record<string, unknown>[] {
    const wanted = ids ? new Set(ids.split(",").map((id) => id.trim())) : undefined;
    const views: Record<string, unknown>[] = [];
    for (const order of this.orders.values()) {
      if (wanted && !wanted.has(String(order.id))) continue;
      if (order.gone) continue;
      const stage = this.stages.get(order.id) ?? "waiting";
      views.push({
        order_id: order.id,
        status: stage,
        srv_id: order.serverId === null ? null : Number(order.serverId),
        ip: order.serverId && stage === "installing" ? this.servers.stored(order.serverId)?.ips[0]?.address ?? null : null,
        ipv6: order.serverId && stage === "installing" ? this.servers.stored(order.serverId)?.subnets[0]?.network ?? null : null,
        // Only while installing (docs/vendor-documents.md, "Gigahost: deploying new servers").
        password: stage === "installing" ? order.password : null,
      });
    }
    return views;
  }

  /** Makes an order fail `afterMs` from now: it vanishes and its server (if any) dies. */
  failOrder(orderId: number, afterMs = 0): void {
    const order = this.orders.get(orderId);
    if (!order) throw new EmulatorError(404, "Order not found.");
    order.failAt = this.jobs.clock.now() + afterMs;
    if (!order.gone) this.jobs.at(order.failAt, () => this.fail(order), `deploy:${order.id}:fail`);
  }

  /** The next order placed fails `afterMs` after it was placed (its server, if made by then, dies). */
  failNextOrder(afterMs: number): void {
    this.nextFailureMs = afterMs;
  }

  orderIds(): number[] {
    return [...this.orders.keys()];
  }

  /**
   * The jobs of an order: the server appears after `queueMs` (unless the
   * order fails first), installing starts after `provisionMs` more, and the
   * order is done after `installMs` more, or gone when it fails.
   */
  private schedule(order: StoredOrder): void {
    if (order.gone) return;
    const { queueMs, provisionMs, installMs } = this.timings;
    const provisionAt = order.placedAt + queueMs;
    const installAt = provisionAt + provisionMs;
    const doneAt = installAt + installMs;
    this.jobs.at(provisionAt, () => this.provision(order, doneAt), `deploy:${order.id}:provision`);
    this.jobs.at(installAt, () => this.setStage(order, "installing"), `deploy:${order.id}:install`);
    if (order.failAt !== null) this.jobs.at(order.failAt, () => this.fail(order), `deploy:${order.id}:fail`);
    // A failure due at the same moment as completion wins.
    this.jobs.at(doneAt, () => (order.failAt !== null && order.failAt <= doneAt ? this.fail(order) : this.finish(order)), `deploy:${order.id}:done`);
  }

  /** The server is created, installing until the order is done; an order failing by this moment never gets one. */
  private provision(order: StoredOrder, doneAt: number): void {
    if (order.gone) return;
    this.setStage(order, "deploying");
    if (order.serverId !== null || (order.failAt !== null && order.failAt <= order.placedAt + this.timings.queueMs)) return;
    const product = DEPLOY_TIERS.flatMap((tier) => tier.products).find((candidate) => candidate.product_id === order.productId)!;
    const server = this.servers.provision(
      {
        label: order.hostname,
        hostname: order.hostname,
        location: DEPLOY_REGIONS.find((region) => region.region_id === order.regionId)!.region_location,
        type: product.type as "vps" | "dedicated",
        cores: Number(product.cores),
        ramGb: Number(product.ram),
        disksGb: [Number(product.disk)],
        osId: order.osId,
      },
      doneAt,
    );
    order.serverId = server.id;
    order.password = server.password;
  }

  private setStage(order: StoredOrder, stage: Stage): void {
    if (!order.gone) this.stages.set(order.id, stage);
  }

  /** The order vanishes and its server, if made, dies. */
  private fail(order: StoredOrder): void {
    if (order.gone) return;
    if (order.serverId) this.servers.kill(order.serverId);
    this.finish(order);
  }

  private finish(order: StoredOrder): void {
    order.gone = true;
    this.stages.delete(order.id);
    for (const job of ["provision", "install", "fail", "done"]) this.jobs.cancel(`deploy:${order.id}:${job}`);
  }

  snapshot(): DeploySnapshot {
    return structuredClone({ nextOrderId: this.nextOrderId, orders: [...this.orders.values()] });
  }

  /** Expects the job clock cleared; schedules again the jobs of every order in progress. */
  restore(snapshot: DeploySnapshot): void {
    this.nextOrderId = snapshot.nextOrderId;
    this.orders = new Map(structuredClone(snapshot.orders).map((order) => [order.id, order]));
    this.stages = new Map();
    for (const order of this.orders.values()) this.schedule(order);
  }
}
