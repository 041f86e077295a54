import type { SecretStore } from './store.js';

/** Secrets in a Map: for tests, which hand it to commands in place of the keychain. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const;
  readonly description = 'in-memory store (tests only)';
  readonly secrets: Map<string, string>;

  constructor(initial: Record<string, string> = {}) {
    this.secrets = new Map(Object.entries(initial));
  }

  async get(name: string): Promise<string | undefined> {
    return this.secrets.get(name);
  }

  async set(name: string, secret: string): Promise<void> {
    this.secrets.set(name, secret);
  }

  async remove(name: string): Promise<boolean> {
    return this.secrets.delete(name);
  }

  async names(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}
