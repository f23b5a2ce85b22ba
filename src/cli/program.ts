/** The `custos` command line: serve, migrate, and each module's commands. */
import { Command } from 'commander'
import { registerBiasCommands } from '../modules/bias/cli.ts'
import { registerJurisdictionCommands } from '../modules/jurisdictions/cli.ts'
import { registerLibraryCommands } from '../modules/library/cli.ts'
import { registerPlatformCommands } from '../modules/platform/cli.ts'
import { registerServeCommands } from './serve.ts'

/** Each module's command registrar. Add one line per module. */
const COMMAND_REGISTRARS: readonly ((program: Command) => void)[] = [
  registerServeCommands,
  registerPlatformCommands,
  registerLibraryCommands,
  registerBiasCommands,
  registerJurisdictionCommands,
]

export const buildProgram = (): Command => {
  const program = new Command('custos')
    .description('Custos — human-rights due diligence of security technology')
    .version('0.1.0')
    .showHelpAfterError()
    // Errors propagate to main.ts (exit 2, no stack) instead of exiting inside commander.
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  for (const register of COMMAND_REGISTRARS) register(program)
  return program
}
