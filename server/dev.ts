// Server: entry for `npm run dev`. The colyseus/vite plugin imports it and hot-reloads the room.

import { createGameServer } from "./app.js";

export const server = createGameServer();
