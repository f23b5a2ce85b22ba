/** Entry point of `custos`: runs the program; errors become a message and an exit code, never a stack. */
import { CommanderError } from 'commander'
import { AppError } from '../core/errors.ts'
import { buildProgram } from './program.ts'

/** Exit codes: 0 ok, 1 failure, 2 bad input. */
const BAD_INPUT_CODES = new Set([
  'bad_request',
  'validation_failed',
  'unknown_value',
  'invalid_json',
  'conflict',
  'not_found',
])

/**
 * A reader that stops early (`custos gap … | head`) closes the pipe: the output ends quietly instead
 * of crashing with a stack trace. Any other write error is one line on stderr and exit code 1.
 */
const guardStdout = (): void => {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    process.stderr.write(`custos: cannot write the output (${error.code ?? error.message})\n`)
    process.exit(1)
  })
}

const main = async (argv: string[]): Promise<void> => {
  guardStdout()
  const program = buildProgram()
  try {
    await program.parseAsync(argv)
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end with a CommanderError too; their exit code is 0.
      process.exitCode = err.exitCode === 0 ? 0 : 2
      return
    }
    if (err instanceof AppError) {
      process.stderr.write(`custos: ${err.userMessage}\n`)
      process.exitCode = BAD_INPUT_CODES.has(err.code) ? 2 : 1
      return
    }
    process.stderr.write(`custos: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  }
}

await main(process.argv)
