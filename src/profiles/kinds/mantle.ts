import { awsKind } from './aws.js';

export const mantle = awsKind('mantle', 'Bedrock Mantle');
