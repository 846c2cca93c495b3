// generated from asyncapi/phase-events.yaml by specwire generate — do not edit
// The typed client's descriptor of phase-events 1.2.0: createClient(contract, options) from specwire/client. Types: ./client.d.ts.

import { decodeServerMessage, encodeClientMessage, validateServerMessage } from "./index.js";

/** What the client reads about the contract (codegen/emit-client.ts derives it from the document). */
const FACTS = {
  "id": "phase-events",
  "version": "1.2.0",
  "major": 1,
  "address": "/ws/game/{gameId}/",
  "params": [
    "gameId"
  ],
  "stream": {
    "key": "gameId",
    "mode": "address",
    "resumeQuery": "lastSeq"
  },
  "versioning": {
    "query": "v"
  },
  "token": {
    "query": "token",
    "bearer": true
  },
  "heartbeat": {
    "pingIntervalMs": 20000,
    "idleTimeoutMs": 60000,
    "ping": "ping",
    "pong": "pong"
  },
  "events": [
    "phase.game_over",
    "phase.guess_started",
    "phase.lie_started",
    "phase.scoreboard"
  ],
  "authority": {
    "phase.game_over": "hint",
    "phase.guess_started": "state",
    "phase.lie_started": "state",
    "phase.scoreboard": "state"
  },
  "control": {
    "resync": "resync",
    "error": "error"
  },
  "polling": [
    {
      "path": "/api/games/{gameId}/state",
      "intervalMs": 2000,
      "kind": "snapshot",
      "streamParam": "gameId",
      "describes": [
        "phase.lie_started",
        "phase.guess_started",
        "phase.scoreboard",
        "phase.game_over"
      ]
    }
  ],
  "sse": {
    "address": "/api/games/{gameId}/events",
    "params": [
      "gameId"
    ],
    "retryMs": 3000,
    "heartbeatIntervalMs": 15000,
    "resumeQuery": "lastEventId",
    "versionQuery": "v",
    "types": [
      "connected",
      "phase.game_over",
      "phase.guess_started",
      "phase.lie_started",
      "phase.scoreboard",
      "resync"
    ]
  }
};

export const contract = Object.freeze({ ...FACTS, decode: decodeServerMessage, validate: validateServerMessage, encode: encodeClientMessage });
export const phaseEventsContract = contract;
export default contract;
