import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Every file and directory below `root`, relative path -> bytes; a directory as "<path>/" with no
 * bytes, so a directory created empty (an output left behind) counts as a change too.
 */
export function snapshot(root: string): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) {
        entries.set(`${relative(root, path)}/`, Buffer.alloc(0));
        walk(path);
      } else entries.set(relative(root, path), st.isSymbolicLink() ? Buffer.from(`-> ${readlinkSync(path)}`) : readFileSync(path));
    }
  };
  walk(root);
  return entries;
}

/** The entries that differ between two snapshots: added, removed or changed. */
export function changedFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => {
    const a = before.get(name);
    const b = after.get(name);
    return a === undefined || b === undefined || !a.equals(b);
  });
}
