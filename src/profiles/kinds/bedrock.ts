import { awsKind } from './aws.js';

export const bedrock = awsKind('bedrock', 'Amazon Bedrock');
