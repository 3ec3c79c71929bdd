/**
 * The `greenroom-validate-templates` command: the package's `bin` runs it
 * from the built `dist/cli.cjs.js`.
 *
 * @packageDocumentation
 */
import { main } from './validateServiceTemplates';

export { main };

/** Validates the files and directories of `argv` and sets the exit code (2 for a crash). */
export function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  return main(argv).then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(
        `greenroom-validate-templates: ${error?.stack ?? error}\n`,
      );
      process.exitCode = 2;
    },
  );
}
