/** Set at build time from package.json. */
declare const __CCENV_VERSION__: string | undefined;
export const VERSION: string = typeof __CCENV_VERSION__ === 'string' ? __CCENV_VERSION__ : '0.0.0-dev';
