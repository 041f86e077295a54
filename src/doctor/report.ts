/** Doctor's findings as people read them. */
import { formatWhere, tildeAll, type Finding } from './finding.js';

const MARK = { error: 'problem', warning: 'warning', ok: 'ok' } as const;

export function renderFindings(findings: readonly Finding[], home: string): string {
  const order = { error: 0, warning: 1, ok: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const lines: string[] = [];
  for (const f of sorted) {
    if (f.severity === 'ok') {
      lines.push(`ok       ${f.what}`);
      continue;
    }
    lines.push(`${MARK[f.severity].padEnd(8)} ${f.what}`);
    if (f.where && !f.what.includes(formatWhere(f.where, home))) lines.push(`         where: ${formatWhere(f.where, home)}`);
    if (f.why) lines.push(`         why:   ${f.why}`);
    if (f.fix) lines.push(`         fix:   ${f.fix}${f.fixable ? ' [ccenv doctor --fix]' : ''}`);
  }
  return `${tildeAll(lines.join('\n'), home)}\n`;
}

export function summary(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const fixable = findings.filter((f) => f.fixable).length;
  if (errors === 0 && warnings === 0) return 'all is well\n';
  const parts = [`${errors} problem${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
  return `${parts.join(', ')}${fixable ? `; ${fixable} can be fixed with: ccenv doctor --fix` : ''}\n`;
}
