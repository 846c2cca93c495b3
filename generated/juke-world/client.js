// generated from asyncapi/juke-world.yaml by specwire generate — do not edit
// The typed client's descriptor of juke-world 1.1.0: createClient(contract, options) from specwire/client. Types: ./client.d.ts.

import { decodeServerMessage, encodeClientMessage, validateServerMessage } from "./index.js";

/** What the client reads about the contract (codegen/emit-client.ts derives it from the document). */
const FACTS = {
  "id": "juke-world",
  "version": "1.1.0",
  "major": 1,
  "address": "/ws/world",
  "params": [],
  "stream": {
    "key": "stream",
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
    "subprotocol": "juke-world.v1"
  },
  "token": {
    "query": "token",
    "bearer": false
  },
  "heartbeat": {
    "pingIntervalMs": 25000,
    "idleTimeoutMs": 60000,
    "ping": "ping",
    "pong": "pong"
  },
  "events": [
    "playback.state_changed",
    "profile.updated",
    "session.ended",
    "session.listener_joined",
    "session.listener_left",
    "session.scheduled",
    "session.started",
    "world.updated"
  ],
  "authority": {
    "playback.state_changed": "state",
    "profile.updated": "state",
    "session.ended": "state",
    "session.listener_joined": "state",
    "session.listener_left": "state",
    "session.scheduled": "state",
    "session.started": "state",
    "world.updated": "state"
  },
  "control": {
    "resync": "resync",
    "error": "error"
  },
  "polling": [
    {
      "path": "/api/world/feed",
      "intervalMs": 15000,
      "kind": "feed",
      "describes": [
        "world.updated"
      ]
    },
    {
      "path": "/api/users/{userId}/profile",
      "intervalMs": 30000,
      "kind": "snapshot",
      "describes": [
        "profile.updated"
      ]
    },
    {
      "path": "/api/sessions/{sessionId}/state",
      "intervalMs": 5000,
      "kind": "snapshot",
      "describes": [
        "session.scheduled",
        "session.started",
        "session.listener_joined",
        "session.listener_left",
        "session.ended",
        "playback.state_changed"
      ]
    }
  ]
};

export const contract = Object.freeze({ ...FACTS, decode: decodeServerMessage, validate: validateServerMessage, encode: encodeClientMessage });
export const jukeWorldContract = contract;
export default contract;
