// generated from asyncapi/media-timeline.yaml by specwire generate — do not edit
// The typed client's descriptor of media-timeline 1.2.0: createClient(contract, options) from specwire/client. Types: ./client.d.ts.

import { decodeServerMessage, encodeClientMessage, validateServerMessage } from "./index.js";

/** What the client reads about the contract (codegen/emit-client.ts derives it from the document). */
const FACTS = {
  "id": "media-timeline",
  "version": "1.2.0",
  "major": 1,
  "address": "/api/ws/events/{eventId}",
  "params": [
    "eventId"
  ],
  "stream": {
    "key": "eventId",
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
    "pingIntervalMs": 25000,
    "idleTimeoutMs": 60000,
    "ping": "ping",
    "pong": "pong"
  },
  "events": [
    "event:status",
    "media:delete",
    "media:new",
    "media:update"
  ],
  "authority": {
    "event:status": "state",
    "media:delete": "state",
    "media:new": "state",
    "media:update": "state"
  },
  "control": {
    "resync": "resync",
    "error": "error"
  },
  "polling": [
    {
      "path": "/api/events/{eventId}/timeline",
      "intervalMs": 5000,
      "kind": "snapshot",
      "streamParam": "eventId",
      "describes": [
        "media:new",
        "media:update",
        "media:delete",
        "event:status"
      ]
    }
  ],
  "sse": {
    "address": "/api/sse/events/{eventId}",
    "params": [
      "eventId"
    ],
    "retryMs": 3000,
    "heartbeatIntervalMs": 15000,
    "resumeQuery": "lastEventId",
    "versionQuery": "v",
    "types": [
      "connected",
      "event:status",
      "media:delete",
      "media:new",
      "media:update",
      "resync"
    ]
  }
};

export const contract = Object.freeze({ ...FACTS, decode: decodeServerMessage, validate: validateServerMessage, encode: encodeClientMessage });
export const mediaTimelineContract = contract;
export default contract;
