/** A setup file of every vitest config: what scratchDir made outside a test goes once the file's tests are done. */
import { afterAll } from 'vitest';
import { removeScratchOutsideTests } from './scratch.js';

afterAll(() => removeScratchOutsideTests());
