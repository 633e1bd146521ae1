// Server: the built-in lobby room (the live room list) behind the same frame check and flood
// bucket as the arena (server/hosting/clientErrors.ts): its one message is "filter", it takes
// no inputs. Imported for its effect by server/app.ts.

import { LobbyRoom } from "@colyseus/core";
import { DEFAULT_TIMINGS } from "../../shared/constants.js";
import { guardRoomFrames } from "../hosting/clientErrors.js";
import { frameRules } from "../hosting/frameCheck.js";

guardRoomFrames(LobbyRoom, {
  rules: frameRules(["filter"]),
  messagesPerSecond: DEFAULT_TIMINGS.maxMessagesPerSecond,
  burstMessages: DEFAULT_TIMINGS.burstMessages,
});
