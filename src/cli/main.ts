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

const main = async (argv: string[]): Promise<void> => {
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
