// The kiteguard version, set at bundle time from package.json.
declare const KITEGUARD_VERSION: string | undefined;

/** Version string shown by `--version` and written into reports. */
export const VERSION: string = typeof KITEGUARD_VERSION === 'string' ? KITEGUARD_VERSION : '0.0.0-dev';
