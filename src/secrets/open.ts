import { usageError } from '../errors.js';
import type { Env } from '../paths.js';
import { SECRET_BACKENDS, type BackendName, type ConfigData } from '../profiles/store.js';
import type { SecretStore } from './store.js';

/** The backend in use and where that choice came from. Never a silent fallback. */
export function chosenBackend(env: Env, config: Pick<ConfigData, 'backend'>): { backend: BackendName; source: string } {
  const fromEnv = env.CCENV_BACKEND;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!(SECRET_BACKENDS as readonly string[]).includes(fromEnv)) {
      throw usageError(`CCENV_BACKEND=${JSON.stringify(fromEnv)} is not a backend`, `use one of: ${SECRET_BACKENDS.join(', ')}`);
    }
    return { backend: fromEnv as BackendName, source: 'CCENV_BACKEND' };
  }
  if (config.backend) return { backend: config.backend, source: 'config' };
  return { backend: 'keychain', source: 'default' };
}

export async function openSecretStore(env: Env, backend: BackendName): Promise<SecretStore> {
  switch (backend) {
    case 'keychain': {
      const { KeychainSecretStore } = await import('./keychain.js');
      return new KeychainSecretStore();
    }
    case 'file': {
      const { FileSecretStore } = await import('./file.js');
      return new FileSecretStore(env, async (isNew) => {
        const { askSecret } = await import('../prompt.js');
        const hint = 'run it in a terminal, or set CCENV_FILE_PASSPHRASE (at least 8 characters)';
        const first = await askSecret(isNew ? 'New passphrase for the ccenv secrets file' : 'Passphrase for the ccenv secrets file', hint);
        if (isNew && (await askSecret('The same passphrase again', hint)) !== first) throw usageError('the passphrases differ');
        return first;
      });
    }
    case 'memory': {
      const { MemorySecretStore } = await import('./memory.js');
      return new MemorySecretStore();
    }
  }
}
