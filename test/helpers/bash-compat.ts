/**
 * What bash 3.2 (macOS's /bin/bash) lacks: each construct that bash code of ours must not
 * use, the bash version that introduced it, a pattern that finds it in a script, and a
 * one-line example that prints `expected` on a bash that has it (and not on bash 3.2: the
 * e2e test runs each example in both when a bash 3.2 is at hand).
 */
export interface BashConstruct {
  name: string;
  since: string;
  pattern: RegExp;
  example?: { code: string; expected: string };
  /** Allowed where an enclosing `if` tests BASH_VERSINFO. */
  guardable?: boolean;
}

const VAR = '[A-Za-z_][A-Za-z0-9_]*';

export const BASH_CONSTRUCTS: readonly BashConstruct[] = [
  { name: 'mapfile', since: '4.0', pattern: /\bmapfile\b/, example: { code: "mapfile -t a < <(printf 'x\\ny\\n'); echo \"${a[1]}\"", expected: 'y' } },
  { name: 'readarray', since: '4.0', pattern: /\breadarray\b/, example: { code: "readarray -t a < <(printf 'x\\ny\\n'); echo \"${a[1]}\"", expected: 'y' } },
  {
    name: 'associative arrays (declare -A)',
    since: '4.0',
    pattern: /\b(declare|local|typeset)\s+-[a-zA-Z]*A/,
    example: { code: 'declare -A m; m[k]=v; m[j]=w; echo "${m[k]}"', expected: 'v' },
  },
  {
    name: 'BASH_CMDS / BASH_ALIASES (associative)',
    since: '4.0',
    pattern: /\bBASH_(CMDS|ALIASES)\b/,
    example: { code: 'hash -p /bin/sh tru; echo "${BASH_CMDS[tru]-}"', expected: '/bin/sh' },
  },
  {
    name: 'case modification ${x,,} ${x^^}',
    since: '4.0',
    pattern: new RegExp(`\\$\\{${VAR}(\\[[^\\]]*\\])?(\\^|,)`),
    example: { code: 'x=ab; echo "${x^^}"', expected: 'AB' },
  },
  {
    name: 'lower/upper-case attributes (declare -l, -u)',
    since: '4.0',
    pattern: /\b(declare|local|typeset)\s+-[a-zA-Z]*[lu]\b/,
    example: { code: 'declare -u x=ab; echo "$x"', expected: 'AB' },
  },
  {
    name: 'parameter transformation ${x@Q} ${x@a} ...',
    since: '4.4',
    pattern: new RegExp(`\\$\\{${VAR}(\\[[^\\]]*\\])?@[QEPAaULuKk]\\}`),
    example: { code: "x='a b'; echo ${x@Q}", expected: "'a b'" },
  },
  { name: '|& (pipe stderr too)', since: '4.0', pattern: /\|&/, example: { code: '{ echo e >&2; } |& cat', expected: 'e' } },
  { name: '&>> (append both)', since: '4.0', pattern: /&>>/, example: { code: 'echo x &>>/dev/null; echo ok', expected: 'ok' } },
  {
    name: ';;& and ;& in case',
    since: '4.0',
    pattern: /;;&|(^|[^;]);&/,
    example: { code: 'case a in a) echo 1 ;& b) echo 2 ;; esac', expected: '1\n2' },
  },
  { name: 'coproc', since: '4.0', pattern: /\bcoproc\b/, example: { code: 'coproc { echo hi; }; read -r l <&"${COPROC[0]}"; echo "$l"', expected: 'hi' } },
  { name: 'BASHPID', since: '4.0', pattern: /\bBASHPID\b/, example: { code: '[[ -n $BASHPID ]] && echo set', expected: 'set' } },
  { name: 'compopt', since: '4.0', pattern: /\bcompopt\b/, example: { code: 'type -t compopt', expected: 'builtin' } },
  {
    name: 'shopt globstar, lastpipe, autocd, ... (4.0 and later)',
    since: '4.0',
    pattern: /\bshopt\s+-[su]\s+.*\b(globstar|lastpipe|autocd|checkjobs|dirspell|direxpand|globasciiranges|inherit_errexit|localvar_inherit|assoc_expand_once|patsub_replacement)\b/,
    example: { code: 'shopt -s globstar && echo ok', expected: 'ok' },
  },
  {
    name: 'automatic file descriptors (exec {fd}>)',
    since: '4.1',
    pattern: new RegExp(`\\{${VAR}\\}[<>]`),
    example: { code: 'exec {fd}>/dev/null && [[ $fd -ge 10 ]] && echo ok', expected: 'ok' },
  },
  {
    name: '[[ -v NAME ]] / test -v',
    since: '4.2',
    pattern: /\[\[[^\]]*\s-v\s|\btest\s+(!\s+)?-v\s/,
    example: { code: 'x=1; [[ -v x ]] && echo set', expected: 'set' },
  },
  { name: 'declare -g', since: '4.2', pattern: /\b(declare|typeset|local)\s+-[a-zA-Z]*g/, example: { code: 'f() { declare -g x=1; }; f; echo "$x"', expected: '1' } },
  {
    name: 'negative substring length ${x:1:-1}',
    since: '4.2',
    pattern: new RegExp(`\\$\\{${VAR}:[^}:]*:\\s*-`),
    example: { code: 'x=abcd; echo "${x:1:-1}"', expected: 'bc' },
  },
  { name: "printf '%(...)T'", since: '4.2', pattern: /%\([^)]*\)T/, example: { code: "TZ=UTC printf '%(%Y)T\\n' 0", expected: '1970' } },
  { name: 'negative array subscripts ${a[-1]}', since: '4.3', pattern: /\[\s*-[0-9]+\s*\]/, example: { code: 'a=(x y); echo "${a[-1]}"', expected: 'y' } },
  {
    name: 'namerefs (declare -n, local -n)',
    since: '4.3',
    pattern: /\b(declare|local|typeset)\s+-[a-zA-Z]*n/,
    example: { code: 'x=1; declare -n r=x; echo "$r"', expected: '1' },
  },
  { name: 'wait -n', since: '4.3', pattern: /\bwait\s+-n\b/, example: { code: 'sleep 0 & wait -n && echo ok', expected: 'ok' } },
  { name: 'EPOCHSECONDS / EPOCHREALTIME', since: '5.0', pattern: /\bEPOCH(SECONDS|REALTIME)\b/, example: { code: '[[ -n $EPOCHSECONDS ]] && echo set', expected: 'set' } },
  // Bash before 5.1 runs only the first element of a PROMPT_COMMAND array: an array is
  // fine only behind a version check.
  { name: 'PROMPT_COMMAND as an array', since: '5.1', pattern: /\bPROMPT_COMMAND(\[|=\()/, guardable: true },
];

/** The script without comments: whole-line ones and ` # ...` at a line's end. */
export function withoutComments(script: string): string[] {
  return script.split('\n').map((line) => (/^\s*#/.test(line) ? '' : line.replace(/\s#\s.*$/, '')));
}

/** True when line `index` is, or an `if`/`elif` that encloses it (by indentation) is, a test of BASH_VERSINFO. */
function guarded(lines: string[], index: number): boolean {
  if (/^\s*(if|elif)\b/.test(lines[index]!) && /\bBASH_VERSINFO\b/.test(lines[index]!)) return true;
  let indent = /^\s*/.exec(lines[index]!)![0].length;
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const own = /^\s*/.exec(line)![0].length;
    if (own >= indent) continue;
    if (/^\s*(if|elif)\b/.test(line) && /\bBASH_VERSINFO\b/.test(line)) return true;
    if (/^\s*(if|elif|else|while|for|case)\b/.test(line)) indent = own;
    if (own === 0) return false;
  }
  return false;
}

export interface Finding {
  line: number;
  text: string;
  construct: string;
  since: string;
}

/** Every use of a construct bash 3.2 lacks, with its line (1-based). */
export function bash32Findings(script: string): Finding[] {
  const lines = withoutComments(script);
  const out: Finding[] = [];
  lines.forEach((text, i) => {
    for (const c of BASH_CONSTRUCTS) {
      if (!c.pattern.test(text)) continue;
      if (c.guardable && guarded(lines, i)) continue;
      out.push({ line: i + 1, text: text.trim(), construct: c.name, since: c.since });
    }
  });
  return out;
}
