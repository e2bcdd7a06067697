import { Brand } from "../../provider/gigahost/client";

/**
 * Gigahost and Terrahost run one platform (docs/gigahost.md): resources that
 * apply to both are implemented once, as `<thing>Definition(brand)`, and
 * registered under `gigahost:<Thing>` and `terrahost:<Thing>`.
 */
export type { Brand };
