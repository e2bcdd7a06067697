import { ConfigurationError } from "../errors";
import type { VendorSettings } from "../settings";
import type { AccountWire } from "./wire";

/**
 * The account every path is scoped to: `gigas:accountId`, else the only
 * account the credentials reach. Several accounts and no setting is an error
 * that lists them.
 */
export async function resolveAccount(settings: VendorSettings, listAccounts: () => Promise<AccountWire[]>): Promise<string> {
  const configured = settings.get("accountId");
  if (configured) {
    if (!/^\d+$/.test(configured)) {
      throw new ConfigurationError(`${settings.describe("accountId")} must be a numeric Gigas account id, got "${configured}"`);
    }
    return configured;
  }
  const accounts = await listAccounts();
  if (accounts.length === 1) return accounts[0].id;
  if (accounts.length === 0) throw new ConfigurationError("The Gigas credentials reach no account (GET /accounts is empty).");
  const listed = accounts
    .map((account) => `${account.id} (${[account.category_slug, account.domain, account.status].filter(Boolean).join(", ")})`)
    .join("; ");
  throw new ConfigurationError(
    `The Gigas credentials reach ${accounts.length} accounts: ${listed}. ` +
      `Pick one with ${settings.describe("accountId")}.`,
  );
}
