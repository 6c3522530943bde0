// Which workspace a command-line tool acts on: the only one in the database, or the one named
// with --team; with several and none named, the tool stops and lists them.
import type { WorkspaceRow } from '../features/network/repo.ts';
import type { Translate } from '../i18n/index.ts';

export type WorkspaceChoice = { ok: true; workspace: WorkspaceRow; said: string } | { ok: false; message: string };

export function chooseWorkspace(all: readonly WorkspaceRow[], requested: string | undefined, t: Translate): WorkspaceChoice {
  const line = (w: WorkspaceRow) => `  --team ${w.teamId}   ${w.name || '—'}${w.demo ? t('cli.workspace.demo') : ''}`;
  const list = all.map(line).join('\n');
  const chosen = requested !== undefined ? all.find((w) => w.teamId === requested) : all.length === 1 ? all[0] : undefined;
  if (!chosen) {
    if (all.length === 0) return { ok: false, message: t('cli.workspace.none') };
    if (requested !== undefined) return { ok: false, message: t('cli.workspace.unknown', { team: requested, list }) };
    return { ok: false, message: t('cli.workspace.several', { list }) };
  }
  const name = `${chosen.name || chosen.teamId}${chosen.demo ? t('cli.workspace.demo') : ''}`;
  return { ok: true, workspace: chosen, said: t('cli.workspace.acting', { name, team: chosen.teamId }) };
}
