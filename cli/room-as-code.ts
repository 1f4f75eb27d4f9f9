import { main as audit } from "./audit";
import { ExitCode } from "./exit-codes";
import { exitQuietlyOnClosedOutput } from "./command-failure";

const USAGE = `usage: room-as-code audit <path...> [options]   (room-as-code audit --help for the options)`;

/** The packed command's entry (`npx room-as-code audit <dir>`): one subcommand for now, audit. */
async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "audit") return audit(rest);
  if (command === undefined || command === "--help" || command === "-h") {
    process.stdout.write(USAGE + "\n");
    return command === undefined ? ExitCode.badInput : ExitCode.ok;
  }
  process.stderr.write(`unknown command ${JSON.stringify(command)}: expected audit\n${USAGE}\n`);
  return ExitCode.badInput;
}

exitQuietlyOnClosedOutput(process.stdout);
exitQuietlyOnClosedOutput(process.stderr);
void run(process.argv.slice(2)).then((code) => (process.exitCode = code));
