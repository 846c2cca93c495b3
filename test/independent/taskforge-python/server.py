"""An independent implementation of the taskforge contract (asyncapi/taskforge.yaml, wire major 1).

Written from the contract document, docs/conventions.md and docs/hooks.md only - not from specwire's
reference server - with Debian's python3-aiohttp, python3-jwt and python3-yaml, to prove that the
conformance suite passes a server on another stack that follows the text, and to find what the
suite demands beyond it. Where the contract leaves a choice, the choice is a flag (see --help).

    python3 server.py --port 0 --jwt-secret s3cret
    -> prints "listening <port>" on stdout once it accepts connections

WebSocket /realtime, GET /api/teams/{teamId}/activity, test hooks under /__specwire.
"""

import argparse
import asyncio
import collections
import copy
import json
import os
import sys
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit

import jwt
import yaml
from aiohttp import WSMsgType, web

CONTRACT = "taskforge"
SUBPROTOCOL = "taskforge.v1"
HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACT_FILE = os.path.join(HERE, "..", "..", "..", "asyncapi", "taskforge.yaml")

# Close codes: asyncapi/common/components.yaml#/x-specwire-close-codes
BAD_FRAME, UNSUPPORTED_VERSION, IDLE_TIMEOUT, RATE_LIMITED = 4400, 4406, 4408, 4429


def now_iso():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def load_contract():
    with open(CONTRACT_FILE, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    info = doc["info"]["x-specwire"]
    examples = doc["components"]["messages"]["activity"]["examples"]
    return info, examples


def deep_merge(into, overlay):
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            deep_merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value)
    return into


class Team:
    """One stream: its seq, a replay buffer, the activity log the polling endpoint pages."""

    def __init__(self, replay_buffer):
        self.seq = 0
        self.buffer = collections.deque(maxlen=replay_buffer)
        self.log = collections.deque(maxlen=10000)
        self.subscribers = set()


class Connection:
    def __init__(self, ws, request, claims, ip):
        self.ws = ws
        self.request = request
        self.claims = claims
        self.ip = ip
        self.teams = set()
        self.outbox = asyncio.Queue()
        self.last_frame = time.monotonic()
        self.awaiting_pong = False
        self.window_start = 0.0
        self.window_count = 0
        self.warned = False
        self.malformed = 0
        self.closing = False
        self.close_task = None

    def send(self, frame):
        if not self.closing:
            self.outbox.put_nowait(json.dumps(frame, separators=(",", ":")))


class Server:
    def __init__(self, args):
        self.args = args
        self.secret = args.jwt_secret
        info, self.examples = load_contract()
        limits = info["limits"]
        self.max_payload = limits["maxPayloadBytes"]
        self.per_second = limits["messagesPerSecond"]
        # Since taskforge 1.1.0 the contract states both thresholds; the flags only stand in where it does not.
        self.malformed_before_close = args.malformed_before_close or limits.get("malformedFramesBeforeClose", 3)
        self.close_above = limits.get("messagesPerSecondBeforeClose", self.per_second * args.close_at_rate_multiple)
        self.per_ip = limits["connectionsPerIp"]
        self.replay = limits["replayBuffer"]
        self.allowed_origins = info.get("allowedOrigins", [])
        self.own_timers = {"pingIntervalMs": info["heartbeat"]["pingIntervalMs"], "idleTimeoutMs": info["heartbeat"]["idleTimeoutMs"]}
        self.timers = dict(self.own_timers)
        self.reset_state()
        self.connections = set()
        self.by_ip = collections.Counter()
        self.timers_changed = asyncio.Event()

    def reset_state(self):
        self.teams = {}
        self.known_teams = None  # None: no state step since the reset, every team exists

    def team(self, team_id):
        if team_id not in self.teams:
            self.teams[team_id] = Team(self.replay)
        return self.teams[team_id]

    # -- auth ---------------------------------------------------------------------------------------

    def verify(self, token):
        if not token:
            return None
        try:
            return jwt.decode(token, self.secret, algorithms=["HS256"], audience=CONTRACT, issuer="specwire", options={"require": ["exp", "sub"]})
        except jwt.PyJWTError:
            return None

    def token_of(self, request):
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[7:]
        return request.query.get("token")

    def origin_allowed(self, request):
        origin = request.headers.get("Origin")
        if origin is None or self.args.any_origin:
            return True  # not a browser
        parts = urlsplit(origin)
        if parts.netloc and parts.netloc.lower() == request.host.lower():
            return True
        return origin.rstrip("/") in self.allowed_origins

    # -- publishing -----------------------------------------------------------------------------------

    def publish(self, team_id, activity):
        team = self.team(team_id)
        team.seq += 1
        frame = {"type": "activity", "teamId": team_id, "seq": team.seq, "ts": now_iso(), "activity": activity}
        team.buffer.append(frame)
        team.log.append(frame)
        for conn in list(team.subscribers):
            conn.send(frame)
        return team.seq

    def presence(self, conn, team_id, kind):
        """presence.joined / presence.left to every connection subscribed to the team (the joiner included)."""
        sub = conn.claims["sub"]
        count = sum(1 for c in self.team(team_id).subscribers if c.claims["sub"] == sub)
        if kind == "joined" and count != 1:
            return
        if kind == "left" and count != 0:
            return
        name = conn.claims.get("name") or sub[:8]
        self.publish(team_id, {"type": f"presence.{kind}", "teamId": team_id, "actorUserId": sub, "ts": now_iso(),
                               "data": {"user": {"userId": sub, "displayName": name}, "connections": count}})

    # -- the WebSocket ----------------------------------------------------------------------------------

    async def realtime(self, request):
        if not self.origin_allowed(request):
            return web.json_response({"error": "origin not allowed"}, status=403)
        ip = request.remote or "?"
        if self.by_ip[ip] >= self.per_ip:
            return web.json_response({"error": "too many connections"}, status=429)
        claims = self.verify(self.token_of(request))
        if claims is None:
            return web.json_response({"error": "unauthenticated"}, status=401)
        offered = [p.strip() for p in request.headers.get("Sec-WebSocket-Protocol", "").split(",") if p.strip()]
        # To close with 4406 the upgrade must complete, and a client that offered subprotocols fails
        # a handshake that picks none: answer with the one it offered first, then close.
        chosen = SUBPROTOCOL if SUBPROTOCOL in offered or not offered else offered[0]
        # autoping off: protocol pongs must reach the heartbeat (aiohttp's autoping swallows them).
        ws = web.WebSocketResponse(protocols=[chosen] if offered else (), max_msg_size=self.max_payload, autoping=False, heartbeat=None)
        await ws.prepare(request)
        conn = Connection(ws, request, claims, ip)
        self.by_ip[ip] += 1
        self.connections.add(conn)
        writer = asyncio.ensure_future(self.write_loop(conn))
        try:
            if chosen != SUBPROTOCOL and offered:
                await self.close(conn, UNSUPPORTED_VERSION, "no common wire version")
                return ws
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self.on_text(conn, msg.data)
                elif msg.type == WSMsgType.BINARY:
                    await self.on_malformed(conn, "bad_frame", "binary frames are not accepted", None)
                elif msg.type == WSMsgType.PING:
                    await ws.pong(msg.data)
                elif msg.type == WSMsgType.PONG:
                    conn.awaiting_pong = False
                if conn.closing:
                    break
            # A close begun by another task (idle sweep, reset) must finish before the handler
            # returns, or aiohttp closes the socket itself with 1000.
            if conn.close_task is not None:
                await conn.close_task
        finally:
            self.connections.discard(conn)
            self.by_ip[ip] -= 1
            for team_id in list(conn.teams):
                self.team(team_id).subscribers.discard(conn)
                self.presence(conn, team_id, "left")
            conn.closing = True
            writer.cancel()
        return ws

    async def write_loop(self, conn):
        try:
            while True:
                text = await conn.outbox.get()
                if conn.ws.closed:
                    return
                await conn.ws.send_str(text)
        except (asyncio.CancelledError, ConnectionResetError, RuntimeError):
            return

    async def close(self, conn, code, reason):
        if conn.closing:
            return
        conn.closing = True
        # Let frames already queued (the error that explains the close) go out first.
        while not conn.outbox.empty() and not conn.ws.closed:
            await conn.ws.send_str(conn.outbox.get_nowait())
        await conn.ws.close(code=code, message=reason.encode())

    def error(self, conn, code, message, ref=None):
        frame = {"type": "error", "code": code, "message": message}
        if ref is not None:
            frame["ref"] = ref
        conn.send(frame)

    async def on_malformed(self, conn, code, message, ref):
        conn.malformed += 1
        self.error(conn, code, message, ref)
        if conn.malformed >= self.malformed_before_close:
            await self.close(conn, BAD_FRAME, "too many malformed frames")

    def within_rate(self, conn):
        now = time.monotonic()
        if now - conn.window_start >= 1.0:
            conn.window_start, conn.window_count, conn.warned = now, 0, False
        conn.window_count += 1
        return conn.window_count

    async def on_text(self, conn, text):
        conn.last_frame = time.monotonic()
        n = self.within_rate(conn)
        if n > self.close_above:
            return await self.close(conn, RATE_LIMITED, "rate limit exceeded")
        if n > self.per_second:
            if not conn.warned:
                conn.warned = True
                self.error(conn, "rate_limited", f"more than {self.per_second} frames per second")
            return
        try:
            frame = json.loads(text)
        except ValueError:
            return await self.on_malformed(conn, "bad_frame", "not JSON", None)
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return await self.on_malformed(conn, "bad_frame", "a frame is a JSON object with a string type", None)
        kind = frame["type"]
        handler = {"ping": self.on_ping, "subscribe": self.on_subscribe, "unsubscribe": self.on_unsubscribe}.get(kind)
        if handler is None:
            return await self.on_malformed(conn, "unknown_type", f"unknown type {kind}", kind)
        problem = invalid(kind, frame)
        if problem:
            return await self.on_malformed(conn, "invalid_payload", problem, kind)
        handler(conn, frame)

    def on_ping(self, conn, frame):
        pong = {"type": "pong", "ts": now_iso()}
        if "id" in frame:
            pong["id"] = frame["id"]
        conn.send(pong)

    def on_subscribe(self, conn, frame):
        team_id = frame["teamId"]
        if team_id not in (conn.claims.get("teams") or []):
            return self.error(conn, "forbidden", f"not a member of team {team_id}", "subscribe")
        if self.known_teams is not None and team_id not in self.known_teams:
            return self.error(conn, "not_found", f"no team {team_id}", "subscribe")
        team = self.team(team_id)
        last = frame.get("lastSeq")
        ack = {"type": "subscribed", "teamId": team_id, "seq": team.seq}
        replay, resync = [], None
        if last is not None:
            if last > team.seq:
                resync = "stream_reset"
            elif last < team.seq:
                oldest = team.buffer[0]["seq"] if team.buffer else team.seq + 1
                if last + 1 < oldest:
                    resync = "gap_too_old"
                else:
                    replay = [f for f in team.buffer if f["seq"] > last]
            ack["replaying"] = len(replay)
        conn.send(ack)
        if resync:
            conn.send({"type": "resync", "stream": team_id, "seq": team.seq, "reason": resync})
        for f in replay:
            conn.send(f)
        fresh = conn not in team.subscribers
        team.subscribers.add(conn)
        conn.teams.add(team_id)
        if fresh and self.args.presence:
            self.presence(conn, team_id, "joined")

    def on_unsubscribe(self, conn, frame):
        team_id = frame["teamId"]
        if team_id not in conn.teams:
            return self.error(conn, "not_subscribed", f"not subscribed to team {team_id}", "unsubscribe")
        conn.teams.discard(team_id)
        self.team(team_id).subscribers.discard(conn)
        conn.send({"type": "unsubscribed", "teamId": team_id})
        if self.args.presence:
            self.presence(conn, team_id, "left")

    # -- heartbeat ------------------------------------------------------------------------------------

    def close_later(self, conn, code, reason):
        if not conn.closing and conn.close_task is None:
            conn.close_task = asyncio.ensure_future(self.close(conn, code, reason))

    async def sleep_or_new_timers(self, seconds):
        try:
            await asyncio.wait_for(asyncio.shield(self.timers_changed.wait()), seconds)
        except asyncio.TimeoutError:
            pass

    async def ping_loop(self):
        while True:
            await self.sleep_or_new_timers(self.timers["pingIntervalMs"] / 1000)
            if self.timers_changed.is_set():
                self.timers_changed.clear()
                continue
            for conn in list(self.connections):
                if conn.closing:
                    continue
                if conn.awaiting_pong:
                    conn.closing = True
                    conn.request.transport.close()  # a dead peer gets no close frame: it would not read it
                    continue
                conn.awaiting_pong = True
                try:
                    await conn.ws.ping()
                except (ConnectionResetError, RuntimeError):
                    pass

    async def idle_loop(self):
        while True:
            await asyncio.sleep(min(1.0, max(0.05, self.timers["idleTimeoutMs"] / 10000)))
            limit = self.timers["idleTimeoutMs"] / 1000
            for conn in list(self.connections):
                if not conn.closing and time.monotonic() - conn.last_frame >= limit:
                    self.close_later(conn, IDLE_TIMEOUT, "idle timeout")

    # -- polling --------------------------------------------------------------------------------------

    async def activity_page(self, request):
        claims = self.verify(self.token_of(request))
        if claims is None:
            return web.json_response({"error": "unauthenticated"}, status=401)
        team_id = request.match_info["teamId"]
        if team_id not in (claims.get("teams") or []):
            return web.json_response({"error": "not a member"}, status=403)
        try:
            after = int(request.query.get("after", "0"))
            limit = int(request.query.get("limit", "100"))
        except ValueError:
            return web.json_response({"error": "after and limit are integers"}, status=400)
        limit = max(1, min(limit, 500))
        team = self.team(team_id)
        newer = [f for f in team.log if f["seq"] > after]
        return web.json_response({"teamId": team_id, "seq": team.seq, "items": newer[:limit], "hasMore": len(newer) > limit})

    # -- test hooks (docs/hooks.md) -----------------------------------------------------------------------

    async def hook_reset(self, request):
        body = await request.json()
        for conn in list(self.connections):
            self.close_later(conn, 1000, "reset")
        self.reset_state()
        timers = body.get("heartbeat")
        self.timers = dict(self.own_timers, **(timers or {}))
        self.timers_changed.set()
        if timers:
            return web.json_response({"heartbeat": self.timers})
        return web.Response(status=204)

    async def hook_state(self, request):
        body = await request.json()
        if body.get("contract") != CONTRACT or not isinstance(body.get("stream"), str):
            return web.json_response({"error": "contract taskforge and a stream, please"}, status=400)
        if self.known_teams is None:
            self.known_teams = set()
        self.known_teams.add(body["stream"])
        return web.Response(status=204)

    async def hook_trigger(self, request):
        body = await request.json()
        if body.get("contract") != CONTRACT or body.get("event") != "activity":
            return web.json_response({"error": f"cannot trigger {body.get('event')}"}, status=400)
        name = body.get("example")
        example = next((e for e in self.examples if name is None or e.get("name") == name), None)
        if example is None:
            return web.json_response({"error": f"no example {name}"}, status=400)
        count = body.get("count", 1)
        if not isinstance(count, int) or not 1 <= count <= 10000:
            return web.json_response({"error": "count must be 1..10000"}, status=400)
        team_id = body["stream"]
        published = []
        for _ in range(count):
            frame = deep_merge(copy.deepcopy(example["payload"]), body.get("payload") or {})
            activity = frame["activity"]
            activity["teamId"] = team_id
            activity["ts"] = now_iso()
            task = activity.get("data", {}).get("task")
            if isinstance(task, dict):
                task["teamId"] = team_id
            seq = self.publish(team_id, activity)
            published.append({"stream": team_id, "type": "activity", "seq": seq})
        return web.json_response({"published": published})


SCHEMAS = {
    # key: (required, optional) with a check per field; additionalProperties: false everywhere
    "ping": ({"type"}, {"id": lambda v: isinstance(v, str) and len(v) <= 64}),
    "subscribe": ({"type", "teamId"}, {"lastSeq": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0}),
    "unsubscribe": ({"type", "teamId"}, {}),
}


def invalid(kind, frame):
    required, optional = SCHEMAS[kind]
    for key in required:
        if key not in frame:
            return f"{kind} needs {key}"
    for key, value in frame.items():
        if key == "type":
            continue
        if key == "teamId":
            if not (isinstance(value, str) and 1 <= len(value) <= 64):
                return "teamId must be a string of 1 to 64 characters"
        elif key in optional:
            if not optional[key](value):
                return f"{key} is invalid"
        else:
            return f"{kind} has no field {key}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--jwt-secret", required=True)
    parser.add_argument("--hooks-prefix", default="/__specwire")
    # Default: the contract's limits.malformedFramesBeforeClose, else 3 (before 1.1.0 it named no threshold).
    parser.add_argument("--malformed-before-close", type=int, default=None)
    # Used only when the contract has no limits.messagesPerSecondBeforeClose.
    parser.add_argument("--close-at-rate-multiple", type=float, default=2.0)
    # "activity ... to every connection subscribed to the team when ... a member joins or leaves".
    parser.add_argument("--no-presence", dest="presence", action="store_false")
    # Wrong on purpose, to prove the suite fails this server when it breaks the contract.
    parser.add_argument("--any-origin", action="store_true", help="accept pages of every origin (breaks allowedOrigins)")
    args = parser.parse_args()

    server = Server(args)
    app = web.Application()
    app.router.add_get("/realtime", server.realtime)
    app.router.add_get("/api/teams/{teamId}/activity", server.activity_page)
    app.router.add_post(f"{args.hooks_prefix}/reset", server.hook_reset)
    app.router.add_post(f"{args.hooks_prefix}/state", server.hook_state)
    app.router.add_post(f"{args.hooks_prefix}/trigger", server.hook_trigger)

    async def start():
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, args.host, args.port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        print(f"listening {port}", flush=True)
        await asyncio.gather(server.ping_loop(), server.idle_loop())

    try:
        asyncio.run(start())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
