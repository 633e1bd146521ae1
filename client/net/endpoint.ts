// Client (browser and bots): where the game server is.

/** The game server for a page: the same origin that served it (the server serves the client,
 *  and in development Vite hosts the server on its own port). */
export function endpointForPage(location: { protocol: string; host: string }): string {
  return `${location.protocol}//${location.host}`;
}
