import type { KindSpec, ProfileKind } from '../types.js';
import { apiKey } from './api-key.js';
import { bedrock } from './bedrock.js';
import { foundry } from './foundry.js';
import { gateway } from './gateway.js';
import { mantle } from './mantle.js';
import { subscription } from './subscription.js';
import { vertex } from './vertex.js';

/** Every profile kind, in the order help and list show them. */
export const KINDS: Readonly<Record<ProfileKind, KindSpec>> = {
  subscription,
  'api-key': apiKey,
  gateway,
  bedrock,
  mantle,
  vertex,
  foundry,
};

export function kindSpec(kind: ProfileKind): KindSpec {
  return KINDS[kind];
}
