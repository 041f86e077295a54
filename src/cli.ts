/**
 * The entry point. Launches load only the launch code; verbs load the command-line parser
 * and their own module. Errors are printed here and only here.
 */
import { dispatch, reportError, typoError } from './dispatch.js';

async function main(argv: string[]): Promise<number> {
  const route = dispatch(argv);
  if (route.to === 'typo') {
    const [{ processContext }, { typoOrProfile }] = await Promise.all([import('./context.js'), import('./launch/run.js')]);
    throw await typoOrProfile(processContext(), argv, typoError(route));
  }
  const isLaunchVerb = route.to === 'verb' && (route.argv[0] === 'run' || route.argv[0] === 'exec');
  // A launch loads its code alongside the context, not after it.
  const launchModule = route.to === 'launch' || isLaunchVerb ? import('./launch/run.js') : undefined;
  const { processContext } = await import('./context.js');
  const ctx = processContext();
  if (route.to === 'launch') {
    const { launchFromCommandLine } = await launchModule!;
    return launchFromCommandLine(ctx, route.argv, { verbatim: route.verbatim });
  }
  if (isLaunchVerb) {
    // Launch verbs skip commander (start-up time); it handles only their --help.
    const { launchVerb } = await launchModule!;
    const code = await launchVerb(ctx, route.argv);
    if (code !== undefined) return code;
  }
  const { runVerb } = await import('./commands/program.js');
  return runVerb(ctx, route.argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = reportError(error, (t) => process.stderr.write(t), process.env.CCENV_DEBUG === '1');
    // Exit now: a keychain call that was given up on cannot be cancelled and must not hold us.
    process.exit(code);
  },
);
