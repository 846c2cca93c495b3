/**
 * The Lua scripts of the Redis backplane (redis-backplane.ts). Each runs atomically in Redis: that is
 * the point of every one of them (seq, history and fan-out cannot disagree; a connection slot is
 * taken only if the sum over live instances allows it).
 */

/**
 * KEYS: seq hash, reset marker, history stream, set of streams. ARGV: channel, stream, floor, body, keep.
 * Assigns the seq, appends to the history (trimmed to `keep`) and publishes, atomically; returns the seq.
 */
export const PUBLISH_SCRIPT = `
local seq = redis.call('HGET', KEYS[1], ARGV[2])
if seq then
  seq = tonumber(seq)
elseif redis.call('EXISTS', KEYS[2]) == 1 then
  seq = 0
else
  seq = tonumber(ARGV[3])
  local top = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)[1]
  if top then seq = math.max(seq, tonumber(string.match(top[1], '^%d+'))) end
end
seq = seq + 1
redis.call('HSET', KEYS[1], ARGV[2], seq)
redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[5], seq .. '-0', 'b', ARGV[4])
redis.call('SADD', KEYS[4], ARGV[2])
redis.call('PUBLISH', ARGV[1], 'e ' .. seq .. ' ' .. ARGV[4])
return seq`;

/**
 * KEYS: triples of (seq hash, reset marker, set of streams). ARGV: channel, message, then each
 * contract's history key prefix. Deletes counters and histories; returns how many subscribers got the reset.
 */
export const RESET_SCRIPT = `
for i = 1, #KEYS, 3 do
  local prefix = ARGV[2 + (i + 2) / 3]
  for _, s in ipairs(redis.call('SMEMBERS', KEYS[i + 2])) do redis.call('DEL', prefix .. s) end
  redis.call('DEL', KEYS[i], KEYS[i + 2])
  redis.call('SET', KEYS[i + 1], '1')
end
return redis.call('PUBLISH', ARGV[1], ARGV[2])`;

/** KEYS: seq hash, reset marker. ARGV: pairs of (stream, seq). Raises counters to what an instance saw, unless the contract was reset. */
export const FLOOR_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
for i = 1, #ARGV, 2 do
  local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if cur < tonumber(ARGV[i + 1]) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1`;

/**
 * KEYS: live instances (zset, score = expiry ms), this instance's slots hash. ARGV: field
 * (`contract ip`), limit, instance id, slots key prefix, ttl ms. Takes a slot when the live instances
 * together hold fewer than `limit`; returns 1 (taken) or 0 (full).
 */
export const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), ARGV[3])
local total = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  total = total + tonumber(redis.call('HGET', ARGV[4] .. id, ARGV[1]) or '0')
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1`;

/** KEYS: live instances, this instance's slots hash. ARGV: instance id, ttl ms, then pairs of (field, count). Renews this instance and rewrites its slots. */
export const HEARTBEAT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('DEL', KEYS[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`;
