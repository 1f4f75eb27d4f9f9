// bin/run-ts.cjs, the runner of the npm scripts: it bundles a TypeScript entry into a cache, reuses the
// bundle while its inputs are unchanged, and runs it as the main module. Each test runs the runner in a
// child process on small entries in a temporary directory, with a cache of its own.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, tempDir } from "../helpers";

const RUNNER = join(ROOT, "bin", "run-ts.cjs");

interface Project {
  dir: string;
  cache: string;
  write(file: string, text: string): void;
  run(entry: string, ...args: string[]): { status: number | null; stdout: string; stderr: string };
  /** The same with options for node itself before the runner. */
  runWith(nodeOptions: string[], entry: string, ...args: string[]): { status: number | null; stdout: string; stderr: string };
  /** The one bundle of an entry outside the repository (the cache names it by a hash of its path). */
  bundle(entry: string): string;
}

function project(): Project {
  const dir = tempDir("run-ts-");
  const cache = join(dir, "cache");
  return {
    dir,
    cache,
    write(file, text) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    },
    run(entry, ...args) {
      return this.runWith([], entry, ...args);
    },
    runWith(nodeOptions, entry, ...args) {
      const r = spawnSync(process.execPath, [...nodeOptions, RUNNER, join(dir, entry), ...args], {
        cwd: dir,
        env: { ...process.env, ROOM_AS_CODE_BUNDLE_CACHE: cache },
        encoding: "utf8",
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    bundle(entry) {
      const name = `-${entry.replace(/\.ts$/, "")}.cjs`;
      const found = readdirSync(join(cache, "outside")).filter((f) => f.endsWith(name));
      expect(found).toHaveLength(1);
      return join(cache, "outside", found[0]);
    },
  };
}

/** What identifies a file on disk: a rewrite (rename over it) changes the inode. */
const identity = (file: string) => {
  const st = statSync(file);
  return { ino: st.ino, mtimeMs: st.mtimeMs };
};

describe("bin/run-ts.cjs", () => {
  test("the first run builds the bundle, the next reuses it; arguments, streams and exit code are the entry's", () => {
    const p = project();
    p.write("lib/greet.ts", "export const greet = (who: string): string => `hello ${who}`;\n");
    p.write(
      "main.ts",
      [
        'import { greet } from "./lib/greet";',
        "const args = process.argv.slice(2);",
        "process.stdout.write(`${greet(args[0])} ${JSON.stringify(args)}\\n`);",
        'process.stderr.write("to stderr\\n");',
        "process.exitCode = Number(args[1]);",
        "",
      ].join("\n"),
    );
    const first = p.run("main.ts", "world", "7", "--flag", "a b");
    expect(first).toEqual({ status: 7, stdout: 'hello world ["world","7","--flag","a b"]\n', stderr: "to stderr\n" });
    const bundle = p.bundle("main.ts");
    const built = identity(bundle);

    const second = p.run("main.ts", "again", "0");
    expect(second).toEqual({ status: 0, stdout: 'hello again ["again","0"]\n', stderr: "to stderr\n" });
    expect(identity(bundle)).toEqual(built);
  });

  test("editing an imported file or adding an import rebuilds the bundle", () => {
    const p = project();
    p.write("lib/value.ts", "export const value = 1;\n");
    p.write("main.ts", 'import { value } from "./lib/value";\nconsole.log(value);\n');
    expect(p.run("main.ts").stdout).toBe("1\n");

    p.write("lib/value.ts", "export const value = 2;\n");
    expect(p.run("main.ts").stdout).toBe("2\n");

    p.write("lib/other.ts", 'export const other = "new";\n');
    p.write("main.ts", 'import { value } from "./lib/value";\nimport { other } from "./lib/other";\nconsole.log(value, other);\n');
    expect(p.run("main.ts").stdout).toBe("2 new\n");

    p.write("lib/other.ts", 'export const other = "edited";\n');
    expect(p.run("main.ts").stdout).toBe("2 edited\n");
  });

  test("a file touched but not changed is not rebuilt", () => {
    const p = project();
    p.write("main.ts", 'console.log("same");\n');
    p.run("main.ts");
    const built = identity(p.bundle("main.ts"));
    p.write("main.ts", 'console.log("same");\n');
    expect(p.run("main.ts").stdout).toBe("same\n");
    expect(identity(p.bundle("main.ts"))).toEqual(built);
  });

  test("__dirname and __filename in the bundle are those of each source file", () => {
    const p = project();
    p.write("deep/where.ts", "export const where = { dir: __dirname, file: __filename };\n");
    p.write("main.ts", 'import { where } from "./deep/where";\nconsole.log(JSON.stringify([__dirname, where.dir, where.file]));\n');
    const r = p.run("main.ts");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([p.dir, join(p.dir, "deep"), join(p.dir, "deep", "where.ts")]);
  });

  test("require.main === module holds in the entry only, not in a guarded file it imports", () => {
    const p = project();
    p.write("tool.ts", 'export const tool = 1;\nif (require.main === module) console.log("tool ran as main");\n');
    p.write("main.ts", 'import { tool } from "./tool";\nif (require.main === module) console.log("main", tool);\n');
    expect(p.run("main.ts").stdout).toBe("main 1\n");
    expect(p.run("tool.ts").stdout).toBe("tool ran as main\n");
  });

  test("process.argv[1] is the bundle, which a worker thread can load (cli/parallel-synth.ts does)", () => {
    const p = project();
    p.write("lib/name.ts", 'export const name = "part";\n');
    p.write(
      "main.ts",
      [
        'import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";',
        'import { name } from "./lib/name";',
        "if (!isMainThread) parentPort?.postMessage(`${name} ${String(workerData)}`);",
        "else if (require.main === module) {",
        "  const worker = new Worker(process.argv[1], { workerData: 7 });",
        '  worker.on("message", (m: string) => console.log(m, process.argv[1].endsWith(".cjs")));',
        "}",
        "",
      ].join("\n"),
    );
    expect(p.run("main.ts")).toEqual({ status: 0, stdout: "part 7 true\n", stderr: "" });
  });

  test("two runs at once on an empty cache both build and run", async () => {
    const p = project();
    p.write("main.ts", 'console.log("both");\n');
    const runOnce = () =>
      new Promise<{ code: number | null; out: string }>((done) => {
        const child = spawn(process.execPath, [RUNNER, join(p.dir, "main.ts")], {
          env: { ...process.env, ROOM_AS_CODE_BUNDLE_CACHE: p.cache },
        });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("close", (code) => done({ code, out }));
      });
    expect(await Promise.all([runOnce(), runOnce()])).toEqual([
      { code: 0, out: "both\n" },
      { code: 0, out: "both\n" },
    ]);
    expect(p.run("main.ts").stdout).toBe("both\n");
  });

  test("a corrupt or half-written bundle or code cache is rebuilt", () => {
    const p = project();
    p.write("main.ts", 'console.log("intact");\n');
    expect(p.run("main.ts").stdout).toBe("intact\n");
    const bundle = p.bundle("main.ts");
    const whole = readFileSync(bundle);

    writeFileSync(bundle, whole.subarray(0, Math.floor(whole.length * 0.9)));
    expect(p.run("main.ts")).toEqual({ status: 0, stdout: "intact\n", stderr: "" });
    expect(readFileSync(bundle)).toEqual(whole);

    writeFileSync(bundle, "garbage");
    expect(p.run("main.ts")).toEqual({ status: 0, stdout: "intact\n", stderr: "" });
    expect(readFileSync(bundle)).toEqual(whole);

    const codeCache = `${bundle}.v8-cache`;
    const data = readFileSync(codeCache);
    const corrupt = Buffer.concat([data.subarray(0, data.length - 100), Buffer.alloc(100, 7)]);
    writeFileSync(codeCache, corrupt);
    expect(p.run("main.ts")).toEqual({ status: 0, stdout: "intact\n", stderr: "" });
    expect(readFileSync(codeCache).equals(corrupt)).toBe(false);
    expect(p.run("main.ts")).toEqual({ status: 0, stdout: "intact\n", stderr: "" });
  });

  test("an error the entry throws is uncaught, as under node; a syntax error names the file and exits 3 (a bug)", () => {
    const p = project();
    p.write("throws.ts", 'throw new Error("boom");\n');
    const thrown = p.run("throws.ts");
    expect(thrown.status).toBe(1);
    expect(thrown.stderr).toContain("Error: boom");

    // Under --enable-source-maps the stack names the TypeScript source and line (the bundle's map).
    p.write("deep.ts", 'function fail(): never {\n  throw new Error("deep");\n}\nfail();\n');
    const mapped = p.runWith(["--enable-source-maps"], "deep.ts");
    expect(mapped.status).toBe(1);
    expect(mapped.stderr).toContain(`${join(p.dir, "deep.ts")}:2:9`);

    p.write("broken.ts", "const x = ;\n");
    const broken = p.run("broken.ts");
    expect(broken.status).toBe(3);
    expect(broken.stderr).toContain("broken.ts:1:10");
    expect(broken.stdout).toBe("");
  });
});
