// generated from asyncapi/leaderboard.yaml by specwire generate — do not edit
// The typed client's descriptor of leaderboard 1.2.0: createClient(contract, options) from specwire/client. Types: ./client.d.ts.

import { decodeServerMessage, encodeClientMessage, validateServerMessage } from "./index.js";

/** What the client reads about the contract (codegen/emit-client.ts derives it from the document). */
const FACTS = {
  "id": "leaderboard",
  "version": "1.2.0",
  "major": 1,
  "address": "/ws/leaderboard",
  "params": [],
  "stream": {
    "key": "boardId",
    "mode": "subscribe",
    "subscribe": {
      "type": "subscribe",
      "key": "top",
      "lastSeq": "top"
    },
    "unsubscribe": {
      "type": "unsubscribe",
      "key": "top"
    },
    "ack": "subscribed"
  },
  "versioning": {
    "subprotocol": "leaderboard.v1"
  },
  "token": {
    "query": "token",
    "bearer": true
  },
  "heartbeat": {
    "pingIntervalMs": 25000,
    "idleTimeoutMs": 60000,
    "ping": "ping",
    "pong": "pong"
  },
  "events": [
    "achievement.unlocked",
    "admin.broadcast",
    "leaderboard.position_changed",
    "points.updated",
    "presence.changed",
    "system.maintenance"
  ],
  "authority": {
    "achievement.unlocked": "state",
    "admin.broadcast": "state",
    "leaderboard.position_changed": "state",
    "points.updated": "state",
    "presence.changed": "state",
    "system.maintenance": "state"
  },
  "control": {
    "resync": "resync",
    "error": "error"
  },
  "polling": [
    {
      "path": "/api/boards/{boardId}/standings",
      "intervalMs": 10000,
      "kind": "snapshot",
      "streamParam": "boardId",
      "describes": [
        "leaderboard.position_changed",
        "points.updated",
        "achievement.unlocked",
        "presence.changed",
        "admin.broadcast",
        "system.maintenance"
      ]
    }
  ],
  "sse": {
    "address": "/sse/boards/{boardId}",
    "params": [
      "boardId"
    ],
    "retryMs": 3000,
    "heartbeatIntervalMs": 15000,
    "resumeQuery": "lastEventId",
    "versionQuery": "v",
    "types": [
      "achievement.unlocked",
      "admin.broadcast",
      "leaderboard.position_changed",
      "points.updated",
      "presence.changed",
      "resync",
      "subscribed",
      "system.maintenance"
    ]
  }
};

export const contract = Object.freeze({ ...FACTS, decode: decodeServerMessage, validate: validateServerMessage, encode: encodeClientMessage });
export const leaderboardContract = contract;
export default contract;
