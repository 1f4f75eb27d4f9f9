import type { WorkItem } from "../plan/addresses/allocate-addresses";

/** The DNS and directory work list for one site, as plain text an admin can act on. */
export function formatWorkList(site: string, work: readonly WorkItem[]): string {
  if (work.length === 0) return "";
  const lines = [`DNS and directory work for ${site}:`];
  for (const w of work) {
    const reverse = w.ip.split(".").reverse().join(".") + ".in-addr.arpa";
    if (w.action === "add") {
      lines.push(`  add     A   ${w.fqdn} -> ${w.ip}`, `  add     PTR ${reverse} -> ${w.fqdn}`);
      if (w.computerObject) lines.push(`  add     computer object ${w.vm.toUpperCase()} (tenant ${w.tenant})`);
    } else if (w.action === "remove") {
      lines.push(`  remove  A   ${w.fqdn} -> ${w.ip}`, `  remove  PTR ${reverse}`);
      if (w.computerObject) lines.push(`  remove  computer object ${w.vm.toUpperCase()} (tenant ${w.tenant})`);
    } else {
      const oldReverse = w.previousIp.split(".").reverse().join(".") + ".in-addr.arpa";
      lines.push(
        `  change  A   ${w.fqdn} ${w.previousIp} -> ${w.ip}`,
        `  remove  PTR ${oldReverse}`,
        `  add     PTR ${reverse} -> ${w.fqdn}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
