// Server: configuration from the environment, validated; a bad value stops start-up.

export interface ServerConfig {
  port: number;
  host: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    port: readPort(env.PORT),
    host: readHost(env.HOST),
  };
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 2567;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535 (got ${JSON.stringify(raw)})`);
  }
  return port;
}

function readHost(raw: string | undefined): string {
  if (raw === undefined || raw === "") return "0.0.0.0";
  if (/\s/.test(raw)) throw new ConfigError(`HOST must be a host name or IP address (got ${JSON.stringify(raw)})`);
  return raw;
}
