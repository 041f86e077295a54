/**
 * The launch as one CommonJS file (dist/launch.cjs, see scripts/build.mjs): a launch is the
 * hot path, and Node loads one CommonJS file much faster than a graph of ES modules (about
 * 20 ms per launch). bin/ccenv.cjs tries it first; every other verb runs from dist/cli.js.
 */
import { processContext } from '../context.js';
import { dispatch, reportError, typoError } from '../dispatch.js';
import { launchFromCommandLine, launchVerb, typoOrProfile } from './run.js';
import { handBackExtraCaCerts } from './extra-ca-certs.js';
import { guardInspector } from './spawn.js';
import { isEditorPlan, wrapperOutput, wrapperPlan } from './wrapper.js';
import { forTerminal } from '../terminal.js';

export { handBackExtraCaCerts };

/** Runs a launch and resolves with its exit code; undefined when the command line is for commander. */
export async function runLaunch(argv: string[]): Promise<number | undefined> {
  // The hook's one process on entering a scope is on the hot path of `cd` too.
  const enteringScope = argv.length === 4 && argv[0] === 'hook' && argv[2] === '--scope';
  const route = dispatch(argv);
  if (!enteringScope && route.to === 'verb' && route.argv[0] !== 'run' && route.argv[0] !== 'exec') return undefined;
  try {
    const ctx = processContext();
    if (route.to === 'typo') throw await typoOrProfile(ctx, argv, typoError(route));
    if (enteringScope) {
      const { enterScope } = await import('../shells/scope.js');
      await enterScope(ctx, argv[1]!, argv[3]!);
      return 0;
    }
    // From the start: the secret is held in this process until it is written to the child.
    guardInspector();
    return route.to === 'launch' ? await launchFromCommandLine(ctx, route.argv, { verbatim: route.verbatim }) : await launchVerb(ctx, route.argv);
  } catch (error) {
    // Exit now, as src/cli.ts does: a keychain call that was given up on must not hold us.
    process.exit(reportError(error, (text) => process.stderr.write(text), process.env.CCENV_DEBUG === '1'));
  }
}

/** bin/ccenv-wrap-plan.cjs: the plan for one of Claude Code's own processes, for bin/ccenv-wrap to run. */
export async function runWrapperPlan(argv: string[]): Promise<number> {
  try {
    handBackExtraCaCerts(process.env);
    guardInspector();
    const plan = await wrapperPlan(processContext(), argv);
    // An editor's claude: what the plan says goes to stderr, which the editor keeps in its log.
    if (isEditorPlan(plan)) for (const note of plan.notes) process.stderr.write(forTerminal(`ccenv: ${note}\n`, { keepNewlines: true }));
    await new Promise<void>((done) => process.stdout.write(wrapperOutput(plan), () => done()));
    // As a launch does: a keychain connection left open must not hold the wrapper.
    process.exit(0);
  } catch (error) {
    process.exit(reportError(error, (text) => process.stderr.write(text), process.env.CCENV_DEBUG === '1') || 1);
  }
}
