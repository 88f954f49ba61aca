/**
 * Loads snowflake-sdk on first use: a project on the embedded target never pays for it.
 * The driver probes cloud metadata endpoints when its module loads (up to 200 ms each)
 * unless told not to before the import, so the environment is set first.
 */

type SnowflakeSdk = typeof import('snowflake-sdk');

let loading: Promise<SnowflakeSdk> | undefined;

export function loadDriver(): Promise<SnowflakeSdk> {
  loading ??= (async () => {
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= 'true';
    const module = await import('snowflake-sdk');
    const sdk = (module as { default?: SnowflakeSdk }).default ?? module;
    // The driver's own logger writes to files and the console; everything the user should
    // see comes back as errors from this target instead.
    sdk.configure({ logLevel: 'OFF' });
    return sdk;
  })();
  return loading;
}
