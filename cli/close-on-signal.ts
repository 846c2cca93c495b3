/** Long-running commands (`serve`, `mock`): run until SIGINT or SIGTERM, then close gracefully. */
export function closeOnSignal(command: string, server: { close(): Promise<void> }): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`specwire ${command}: ${signal}: closing clients with 1001\n`);
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
