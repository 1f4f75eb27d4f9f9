import type { ErrorSink } from "../check-helpers";
import type { SiteFirewall } from "../types";

/** A FortiOS version as major, minor, patch. */
export type FortiosVersion = readonly [number, number, number];

/** "7.4.11" -> [7, 4, 11]; undefined for anything else (the schema's pattern already holds it to d.d.d). */
export function parseFirmware(text: string): FortiosVersion | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Whether `firmware` is `min` or later, compared numerically part by part (7.4.11 is after 7.4.4). */
export function firmwareAtLeast(firmware: string, min: string): boolean {
  const a = parseFirmware(firmware);
  const b = parseFirmware(min);
  if (!a || !b) throw new Error(`firmwareAtLeast: not a FortiOS version: ${a ? min : firmware}`);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * The oldest FortiOS the design supports, and why:
 * - DoS thresholds are written as packets per second (or sessions). FortiOS counts them per minute on
 *   7.0.0-7.0.5 and 7.2.0 (provider doc website/docs/r/fortios_firewall_DoSpolicy.html.markdown,
 *   `threshold`), where the examples' thresholds would be 60 times too strict or too loose.
 * - The weak-SSH settings are algorithm lists (`ssh-enc-algo`, `ssh-kex-algo`, `ssh-mac-algo`) from
 *   7.0.2; before that only the on/off switches (`ssh-cbc-cipher`, ...) exist.
 * - FortiOS 7.0 is past its end of support (Fortinet product life cycle, verify), so 7.0.6+ is not offered.
 */
export const MIN_FIRMWARE = "7.2.1";

/** From this version the SSH algorithm lists live in `config system ssh-config` (provider doc: "Applies to FortiOS Version >= 7.4.4"). */
export const SSH_CONFIG_FROM = "7.4.4";

/** From this version `system global` takes a time zone database name (config system timezone, FortiOS 7.6 CLI reference); before it a two-digit code. */
export const TIMEZONE_NAMES_FROM = "7.6.0";

/** Located errors for what the declared firmware cannot do: too old a firmware, a time zone in the other version's form, a missing reason. */
export function checkFirmware(fw: SiteFirewall, f: ErrorSink, at: string): void {
  if (!parseFirmware(fw.firmware)) return; // the schema reports the pattern
  if (!firmwareAtLeast(fw.firmware, MIN_FIRMWARE)) {
    f.add(
      `${at}/firmware`,
      `FortiOS ${fw.firmware} is older than ${MIN_FIRMWARE}, the oldest this design supports (DoS thresholds per second, SSH algorithm lists); expected ${MIN_FIRMWARE} or later`,
    );
    return;
  }
  if (fw.timezone !== undefined) {
    const names = firmwareAtLeast(fw.firmware, TIMEZONE_NAMES_FROM);
    const isCode = /^\d{2}$/.test(fw.timezone);
    if (names && isCode)
      f.add(
        `${at}/timezone`,
        `FortiOS ${fw.firmware} takes a time zone database name such as Europe/Oslo (from ${TIMEZONE_NAMES_FROM}), found the code ${fw.timezone}`,
      );
    if (!names && !isCode)
      f.add(
        `${at}/timezone`,
        `FortiOS ${fw.firmware} takes a two-digit time zone code (set timezone ? lists them; names only from ${TIMEZONE_NAMES_FROM}), found ${fw.timezone}`,
      );
  }
  if (fw.threatFeeds && !fw.threatFeeds.licensed && fw.threatFeeds.reason === undefined)
    f.add(`${at}/threatFeeds`, `threatFeeds.licensed is false: expected a reason (why the site has no feed-based deny), found none`);
}
