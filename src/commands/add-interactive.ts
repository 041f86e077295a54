import type { Context } from '../context.js';
import { fieldSpec, type ProfileInput } from '../profiles/fields.js';
import { KINDS } from '../profiles/kinds/index.js';
import { isValidProfileName } from '../profiles/names.js';
import { PROFILE_KINDS, type Profile, type ProfileField, type ProfileKind } from '../profiles/types.js';
import { compact } from './profile-options.js';

type Ask = typeof import('../prompt.js');

/** Asks on the terminal for whatever `add` was not given: name, kind, the kind's fields. */
export async function askProfileFields(
  _ctx: Context,
  given: { name?: string; kind?: ProfileKind; fields: ProfileInput },
): Promise<{ name: string; profile: Profile }> {
  const ask = await import('../prompt.js');
  const name =
    given.name ??
    (await ask.askText('Profile name', {
      validate: (v) => isValidProfileName(v) || 'letters, digits, ".", "_", "-", at most 64, starting with a letter or digit',
    }));
  const kind =
    given.kind ??
    (await ask.askChoice(
      'Kind',
      PROFILE_KINDS.map((k) => ({ value: k, name: k, description: KINDS[k].summary })),
    ));
  const fields: ProfileInput = { ...given.fields };
  const text = (key: ProfileField, message: string, optional: boolean) => askField(ask, fields, key, message, optional);
  switch (kind) {
    case 'subscription':
      await text('configDir', "Config directory (blank: claude's default login)", true);
      break;
    case 'api-key':
      await text('baseUrl', 'Base URL (blank: Anthropic)', true);
      break;
    case 'gateway':
      await text('baseUrl', 'Gateway base URL', false);
      break;
    case 'bedrock':
    case 'mantle': {
      await text('region', 'AWS region', false);
      if (!fields.awsProfile && !fields.accessKeyId && !fields.bearer) {
        const how = await ask.askChoice('How does it authenticate?', [
          { value: 'profile', name: 'an AWS profile from ~/.aws/config' },
          { value: 'keys', name: 'an access key id and secret access key' },
          { value: 'bearer', name: 'a Bedrock API key' },
          { value: 'default', name: 'the default AWS credential chain' },
        ]);
        if (how === 'profile') await text('awsProfile', 'AWS profile name', false);
        if (how === 'keys') await text('accessKeyId', 'Access key id', false);
        if (how === 'bearer') fields.bearer = true;
      }
      break;
    }
    case 'vertex':
      await text('region', 'Region (like us-east5, or global)', false);
      await text('projectId', 'Google Cloud project id', false);
      await text('credentialsFile', 'Credentials file (blank: gcloud application-default credentials)', true);
      break;
    case 'foundry':
      if (!fields.baseUrl) await text('resource', 'Azure resource name (blank to give a base URL)', true);
      if (!fields.resource) await text('baseUrl', 'Foundry base URL', false);
      break;
  }
  return { name, profile: compact({ kind, ...fields }) };
}

async function askField(ask: Ask, fields: ProfileInput, key: ProfileField, message: string, optional: boolean): Promise<void> {
  if ((fields as Record<string, unknown>)[key] !== undefined) return;
  const check = fieldSpec(key).check;
  const value = await ask.askText(message, {
    validate: (v) => (v === '' ? optional || 'required' : (check?.(v) ?? true)),
  });
  if (value !== '') (fields as Record<string, unknown>)[key] = value;
}
