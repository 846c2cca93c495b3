// generated from asyncapi/taskforge.yaml by specwire generate — do not edit
// The typed client's descriptor of taskforge 1.1.0: createClient(contract, options) from specwire/client. Types: ./client.d.ts.

import { decodeServerMessage, encodeClientMessage, validateServerMessage } from "./index.js";

/** What the client reads about the contract (codegen/emit-client.ts derives it from the document). */
const FACTS = {
  "id": "taskforge",
  "version": "1.1.0",
  "major": 1,
  "address": "/realtime",
  "params": [],
  "stream": {
    "key": "teamId",
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
    "subprotocol": "taskforge.v1"
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
    "activity"
  ],
  "authority": {
    "activity": "state"
  },
  "control": {
    "resync": "resync",
    "error": "error"
  },
  "polling": [
    {
      "path": "/api/teams/{teamId}/activity",
      "intervalMs": 5000,
      "kind": "feed",
      "streamParam": "teamId",
      "describes": [
        "activity"
      ]
    }
  ]
};

export const contract = Object.freeze({ ...FACTS, decode: decodeServerMessage, validate: validateServerMessage, encode: encodeClientMessage });
export const taskforgeContract = contract;
export default contract;
