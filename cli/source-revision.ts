import { execFileSync } from "node:child_process";
import type { SourceRevision } from "../policies/report/provenance";

/**
 * The commit of the git repository that holds `dir`, and whether its working tree has changes
 * (`git status --porcelain`, untracked files included). Outside a repository, or without git, it says
 * so instead of failing: an auditor's copy of foreign Terraform need not be in git. `program` is the
 * git to run (tests name one that does not exist).
 */
export function sourceRevision(dir: string, program = "git"): SourceRevision {
  const git = (...args: string[]) =>
    execFileSync(program, ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  try {
    const commit = git("rev-parse", "HEAD").trim();
    const changed = git("status", "--porcelain")
      .split("\n")
      .filter((l) => l.trim() !== "").length;
    return { repository: "git", commit, dirty: changed > 0, changedPaths: changed };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") return { repository: "none", reason: "git is not installed (the commit was not read)" };
    const said = String(err.stderr ?? "");
    if (/not a git repository/i.test(said)) return { repository: "none", reason: "not in a git repository" };
    if (/ambiguous argument 'HEAD'|unknown revision/i.test(said)) return { repository: "none", reason: "a git repository without commits" };
    return { repository: "none", reason: `git could not read the commit: ${said.trim().split("\n")[0] ?? "no message"}` };
  }
}
