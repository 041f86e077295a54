/**
 * `ccenv ide [vscode|jetbrains|zed] [--json]`: what to set so that an editor's Claude Code
 * starts through ccenv and gets the profile of the directory it runs in.
 */
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import {
  EDITORS,
  JETBRAINS_COMMAND_SETTING,
  VSCODE_ENVIRONMENT_SETTING,
  VSCODE_WRAPPER_SETTING,
  ZED_AGENT_SERVER,
  ZED_EXECUTABLE_VARIABLE,
  type Editor,
} from '../claude/editors.js';
import { CcenvError, usageError } from '../errors.js';
import { wrapperPath } from '../launch/wrapper.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('ide')
    .argument('[editor]', `one of ${EDITORS.join(', ')} (all when left out)`)
    .option('--json', 'print JSON')
    .description("what to set so that an editor's Claude Code starts through ccenv, with the directory's profile")
    .addHelpText(
      'after',
      `
Examples:
  ccenv ide vscode
  ccenv ide --json`,
    )
    .action((editor: string | undefined, options: { json?: boolean }) => ide(ctx, editor, options));
}

export interface EditorSetup {
  editor: Editor;
  /** Where to set it, for a person. */
  where: string;
  /** The settings to set, as the editor's settings file spells them (JetBrains: the field's value). */
  settings: Record<string, unknown>;
  notes: string[];
}

/** The absolute paths of bin/ccenv-ide and bin/ccenv.cjs beside this ccenv. */
function entryPoints(): { ide: string; ccenv: string } {
  const wrap = wrapperPath();
  if (!wrap) throw new CcenvError('this ccenv has no bin/ccenv-wrap beside it', { hint: 'reinstall ccenv' });
  const bin = dirname(realpathSync(wrap));
  return { ide: join(bin, 'ccenv-ide'), ccenv: join(bin, 'ccenv.cjs') };
}

/** Pure: the setup for each editor, given where ccenv's entry points are. */
export function editorSetups(paths: { ide: string; ccenv: string }): EditorSetup[] {
  return [
    {
      editor: 'vscode',
      where: 'VS Code (or Cursor) user settings.json (Preferences: Open User Settings (JSON))',
      settings: { [VSCODE_WRAPPER_SETTING]: paths.ide },
      notes: [
        `the extension then starts claude as ${paths.ide} CLAUDE ARGS: the profile is the one of the workspace folder (.ccprofile, CCENV_PROFILE, the default), its secret read from the keychain at each start`,
        `leave ${VSCODE_ENVIRONMENT_SETTING} free of credential variables (ANTHROPIC_API_KEY, ...): the profile sets them, and ccenv doctor reports any it finds`,
        'reload the window (Developer: Reload Window) after changing it',
      ],
    },
    {
      editor: 'jetbrains',
      where: JETBRAINS_COMMAND_SETTING,
      settings: { 'Claude command': paths.ccenv },
      notes: ["the plugin runs that command in the IDE's terminal, in the project's directory: ccenv resolves the profile there as in any shell"],
    },
    {
      editor: 'zed',
      where: 'Zed settings.json (zed: open settings)',
      settings: { agent_servers: { [ZED_AGENT_SERVER]: { type: 'registry', env: { [ZED_EXECUTABLE_VARIABLE]: paths.ccenv } } } },
      notes: [`Zed's Claude agent then runs ccenv instead of claude; ccenv launches claude with the profile of the project's directory`],
    },
  ];
}

export async function ide(ctx: Context, editor: string | undefined, options: { json?: boolean }): Promise<void> {
  if (editor !== undefined && !(EDITORS as readonly string[]).includes(editor)) {
    throw usageError(`unknown editor ${editor}`, `use one of: ${EDITORS.join(', ')}`);
  }
  const setups = editorSetups(entryPoints()).filter((s) => editor === undefined || s.editor === editor);
  if (options.json) {
    ctx.io.out(`${JSON.stringify(editor === undefined ? setups : setups[0], null, 2)}\n`);
    return;
  }
  const blocks = setups.map((s) => {
    const body = s.editor === 'jetbrains' ? String(s.settings['Claude command']) : JSON.stringify(s.settings, null, 2);
    return [`# ${s.editor}: in ${s.where}`, body, ...s.notes.map((n) => `#  ${n}`)].join('\n');
  });
  ctx.io.out(`${blocks.join('\n\n')}\n`);
}
