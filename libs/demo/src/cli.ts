import { CliError, runCli, USAGE } from './lib/cli';

runCli(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n${USAGE}\n`);
  const usageProblem =
    error instanceof CliError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
  process.exit(usageProblem ? 2 : 1);
});
