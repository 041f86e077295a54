/**
 * `ccenv init`: detect, plan, ask (or take --yes), create the profiles with their secrets in
 * the store, set a default, and say what is left by hand: the start-up file lines to delete
 * and the hook line. Settings files are edited only on an explicit yes, with a backup.
 */
import { homedir } from 'node:os';
import type { Context } from '../context.js';
import { applyFixes, type FixResult } from '../doctor/fix.js';
import { tilde, tildeAll, type FileFix as Fix } from '../doctor/finding.js';
import { isSecretVariable } from '../doctor/held.js';
import { scanRcFiles, type RcAssignment } from '../doctor/rc-scan.js';
import { isModelVariable } from '../claude/variables.js';
import { isClaudeVariable, isSetupVariable, setupOf } from '../doctor/variables.js';
import { storeProfileWithSecret } from '../secrets/transactions.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { BUILTIN_PROFILE } from '../profiles/names.js';
import { maskSecret } from '../profiles/secret-input.js';
import { readConfig, updateConfig } from '../profiles/store.js';
import { backupsDir } from '../paths.js';
import type { SecretStore } from '../secrets/store.js';
import { detect } from './detect.js';
import { hookLines, installedHook } from './hook-line.js';
import { planInit, type Decision } from './plan.js';

export interface InitOptions {
  yes?: boolean;
  json?: boolean;
  removeFromSettings?: boolean;
}

function describe(d: Decision, home: string): string {
  const p = d.proposal;
  const secret = p.secret !== undefined ? `, secret ${maskSecret(p.secret)}` : '';
  const from = [...new Set(p.sources.map((s) => tilde(s.label, home)))].join(' and ');
  return `${kindSpec(p.profile.kind).describe(p.profile)}${secret}, from ${from}`;
}

/**
 * The settings-file edits that take imported variables out of env blocks (never managed
 * settings), each with the profile that now holds it. A model variable stays: in a settings
 * file it is the model of every launch, whatever the profile, not a credential.
 */
function settingsCleanup(decisions: readonly Decision[]): { fixes: Fix[]; holder: Map<string, string>; stays: Map<string, string[]> } {
  const fixes: Fix[] = [];
  const holder = new Map<string, string>();
  const stays = new Map<string, string[]>();
  for (const d of decisions) {
    for (const source of d.proposal.sources) {
      if (!source.file || source.layer === 'managed') continue;
      for (const variable of d.proposal.variables) {
        if (source.vars[variable] === undefined || !isClaudeVariable(variable)) continue;
        if (isModelVariable(variable)) {
          stays.set(source.file, [...new Set([...(stays.get(source.file) ?? []), variable])]);
          continue;
        }
        if (!fixes.some((f) => f.kind === 'remove-env-variable' && f.file === source.file && f.variable === variable)) {
          fixes.push({ kind: 'remove-env-variable', file: source.file, variable });
          holder.set(`${source.file}\n${variable}`, d.name);
        }
      }
    }
  }
  return { fixes, holder, stays };
}

export async function runInit(ctx: Context, options: InitOptions): Promise<void> {
  const home = ctx.env.HOME || homedir();
  const say = (text: string) => ctx.io.err(`${tildeAll(text, home)}\n`);
  const ask = ctx.interactive && !options.yes;
  const config = await readConfig(ctx.env);
  let opened: Promise<SecretStore> | undefined;
  const store = () => (opened ??= ctx.secrets(config));
  const detected = await detect(ctx.env, ctx.cwd, home);
  const plan = await planInit(detected, config, store);

  if (detected.login) say(`found: your subscription login in ${tilde(detected.login.dir, home)}${detected.login.plan ? ` (${detected.login.plan})` : ''}: it is the built-in profile "${BUILTIN_PROFILE}"`);
  for (const d of plan.decisions) {
    say(d.action === 'exists' ? `found: ${describe(d, home)}: already profile ${d.name}` : `found: ${describe(d, home)}: new profile ${d.name}`);
    for (const note of d.proposal.notes) say(`       note: ${note}`);
  }
  for (const s of detected.skipped) say(`skipped: ${s.what}: ${s.why}\n         ${s.fix}`);
  if (!detected.login && plan.decisions.length === 0 && detected.skipped.length === 0) {
    say('found: no credentials to import (no variables, no settings env blocks, no claude login)');
    say(`next: log in to your subscription: ccenv @${BUILTIN_PROFILE} auth login\n      or add a profile: printf %s "$KEY" | ccenv add NAME --kind KIND --secret-stdin (ccenv add --help lists the kinds)\n      then check the setup: ccenv doctor`);
  }

  const created: Decision[] = [];
  const wanted = plan.decisions.filter((d) => d.action === 'create');
  let dryRun = false;
  if (wanted.length > 0 && !options.yes && !ctx.interactive) {
    dryRun = true;
    say('nothing created: run again with --yes to create these profiles (or in a terminal, to be asked)');
  }
  for (const d of wanted) {
    if (dryRun) break;
    if (ask) {
      const { askConfirm } = await import('../prompt.js');
      if (!(await askConfirm(`Create profile ${d.name} (${describe(d, home)})?`, true))) continue;
    }
    const { name, proposal } = d;
    const where = await storeProfileWithSecret(ctx, name, proposal.secret, (current) => {
      if (Object.hasOwn(current.profiles, name)) throw new Error(`profile ${name} appeared while init ran`);
      current.profiles[name] = { ...proposal.profile, description: `imported by ccenv init from ${[...new Set(proposal.sources.map((s) => tilde(s.label, home)))].join(', ')}`.slice(0, 200) };
    });
    created.push(d);
    say(`created: ${name} (${proposal.profile.kind}${proposal.secret !== undefined ? `, secret in the ${where}` : ''})`);
  }

  // The default: only when none is set; the built-in subscription profile when there is a login.
  const kept = [...plan.decisions.filter((d) => d.action === 'exists'), ...created];
  let chosenDefault: string | undefined;
  if (!config.default && kept.length > 0) {
    if (ask) {
      const { askChoice } = await import('../prompt.js');
      const choices = [
        ...(detected.login ? [{ value: BUILTIN_PROFILE, name: `${BUILTIN_PROFILE} (your claude login)` }] : []),
        ...kept.map((d) => ({ value: d.name, name: `${d.name} (${d.proposal.profile.kind})` })),
      ];
      // One choice is no choice: take it, and the line below says so.
      chosenDefault = choices.length === 1 ? choices[0]!.value : await askChoice('Default profile for launches with no other choice', choices);
      if (chosenDefault === BUILTIN_PROFILE) chosenDefault = undefined;
    } else if (plan.default && kept.some((d) => d.name === plan.default)) chosenDefault = plan.default;
    if (chosenDefault) {
      const name = chosenDefault;
      await updateConfig(ctx.env, (current) => {
        if (!current.default && Object.hasOwn(current.profiles, name)) current.default = name;
      });
      say(`default: ${name} (change it with: ccenv use --global NAME)`);
    } else if (detected.login) say(`default: the built-in ${BUILTIN_PROFILE} profile (your claude login)`);
  }

  // Settings env blocks: only on an explicit yes, each file backed up first.
  const { fixes, holder, stays } = settingsCleanup(kept);
  let removed: FixResult[] = [];
  if (fixes.length > 0) {
    const files = [...new Set(fixes.map((f) => f.file))];
    const varsOf = (file: string) => fixes.filter((f) => f.file === file).map((f) => (f.kind === 'remove-env-variable' ? f.variable : ''));
    /** What leaves the file and where each goes, and what stays: said before anything is removed. */
    const whatGoes = (file: string) => {
      const goes = varsOf(file).map((v) => `${v} goes to profile ${holder.get(`${file}\n${v}`)}`).join(', ');
      const kept = stays.get(file) ?? [];
      return `${goes}${kept.length > 0 ? `; ${kept.join(', ')} stays (a model choice for every launch, not a credential)` : ''}`;
    };
    let approved = files.filter(() => options.removeFromSettings);
    if (!options.removeFromSettings && ctx.interactive) {
      const { askConfirm } = await import('../prompt.js');
      approved = [];
      for (const file of files) {
        const vars = varsOf(file);
        if (await askConfirm(`Remove ${vars.join(', ')} from ${tilde(file, home)} (${whatGoes(file)}; a backup is kept)?`, false)) approved.push(file);
      }
    } else for (const file of approved) say(`settings: ${tilde(file, home)}: ${whatGoes(file)}`);
    const chosen = fixes.filter((f) => approved.includes(f.file));
    if (chosen.length > 0) {
      removed = await applyFixes(chosen, new Date(), home, backupsDir(ctx.env));
      // One line per file: the fixes of one file share their result.
      for (const message of new Set(removed.map((r) => `${r.applied ? 'settings' : 'skipped'}: ${r.message}`))) say(message);
    }
    const left = fixes.filter((f) => !approved.includes(f.file));
    for (const file of new Set(left.map((f) => f.file))) {
      say(`left as it is: ${tilde(file, home)} still sets ${varsOf(file).join(', ')}; remove with: ccenv init --remove-from-settings (or ccenv doctor --fix)`);
    }
  }

  const scanned = scanRcFiles(ctx.env, home, (name) => isClaudeVariable(name) || isSetupVariable(name)).assignments;
  const rcVars: Record<string, string> = {};
  for (const a of scanned) rcVars[a.variable] = a.value;
  // A provider setup's other lines (AWS_REGION, AWS_PROFILE, ...) are listed with it, marked as such.
  const partOf = (variable: string) => scanned.filter((a) => isClaudeVariable(a.variable)).map((a) => setupOf(a.variable, rcVars)).find((s) => s?.companions.includes(variable));
  const rc = scanned.filter((a) => isClaudeVariable(a.variable) || partOf(a.variable));
  // A line with a credential may go only once a profile holds that very value (its own, not this shell's).
  const holderOf = (a: RcAssignment) => kept.find((d) => d.proposal.sources.some((s) => s.rc?.file === a.file && s.rc.line === a.line))?.name;
  const credential = rc.filter((a) => isSecretVariable(a.variable));
  const deletable = rc.filter((a) => !isSecretVariable(a.variable) || (a.literal && holderOf(a) !== undefined));
  if (deletable.length > 0) {
    say('delete these lines from your shell start-up files (ccenv never edits them):');
    for (const a of deletable) {
      const setup = isClaudeVariable(a.variable) ? undefined : partOf(a.variable);
      const held = isSecretVariable(a.variable) ? `=${maskSecret(a.value)}: kept as profile ${holderOf(a)}, safe to delete` : '';
      say(`  ${tilde(a.file, home)}:${a.line}  ${a.variable}${held}${setup ? ` (part of the ${setup.provider} setup; keep it if other tools need it)` : ''}`);
    }
  }
  const keptLines = credential.filter((a) => !deletable.includes(a));
  if (keptLines.length > 0) {
    say('keep these lines for now: no profile holds their credential');
    for (const a of keptLines) {
      say(
        a.literal
          ? `  ${tilde(a.file, home)}:${a.line}  ${a.variable}=${maskSecret(a.value)} is in no profile yet: import it first (ccenv init --yes), then delete the line`
          : `  ${tilde(a.file, home)}:${a.line}  ${a.variable}: ccenv could not read its value (the shell computes it: a command or a variable), so no profile holds it; keep the line, or add it by hand first: ccenv add NAME --kind KIND --secret-stdin`,
      );
    }
  }
  const hooks = hookLines(ctx.env.SHELL);
  const installed = installedHook(ctx.env, home, ctx.env.SHELL);
  if (installed) {
    const faster = installed.slow ? hooks.find((h) => h.shell === installed.shell) : undefined;
    say(
      `shell integration: installed in ${tilde(installed.file, home)}:${installed.line} (a shell opened before that line has no cc: open a new shell)` +
        (faster ? `\n                   faster at start-up (no ccenv process per shell): replace it with: ${faster.line}` : ''),
    );
  } else say(`shell integration: add to ${hooks.map((h) => `${h.file}${h.note ? ` (${h.note})` : ''}: ${h.line}`).join('\n                   or ')}`);

  if (options.json) {
    ctx.io.out(
      `${JSON.stringify(
        {
          dryRun,
          created: created.map((d) => ({ name: d.name, kind: d.proposal.profile.kind, from: d.proposal.sources.map((s) => s.label) })),
          existing: plan.decisions.filter((d) => d.action === 'exists').map((d) => ({ name: d.name, kind: d.proposal.profile.kind, from: d.proposal.sources.map((s) => s.label) })),
          proposed: dryRun ? wanted.map((d) => ({ name: d.name, kind: d.proposal.profile.kind, from: d.proposal.sources.map((s) => s.label) })) : [],
          skipped: detected.skipped,
          login: detected.login ?? null,
          default: chosenDefault ?? null,
          settingsChanged: removed,
          rcLines: deletable.map((a) => ({ file: a.file, line: a.line, variable: a.variable, ...(isSecretVariable(a.variable) ? { profile: holderOf(a) } : {}) })),
          rcLinesKept: keptLines.map((a) => ({ file: a.file, line: a.line, variable: a.variable, readable: a.literal })),
          hook: hooks,
          hookInstalled: installed ?? null,
        },
        null,
        2,
      )}\n`,
    );
  }
}
