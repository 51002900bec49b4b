-- wrk hooks for bench/load.sh: the peer's wrk_report.lua (cookies rotated per request,
-- one PEERBENCH line at the end) plus two things our modes need:
--   BENCH_PATHS_FILE: one path a line; each request asks for a random one (random mode).
--   BENCH_COUNT_PAGE_CACHE=1: count the X-Page-Cache answers (hit, miss, none).
-- Hooks are defined only when used: wrk sends a fixed request fastest, and parses
-- headers only when response() exists.
local function lines(path)
  local found = {}
  if path and path ~= "" then
    for line in io.lines(path) do
      if line ~= "" then found[#found + 1] = line end
    end
  end
  return found
end

local cookies = lines(os.getenv("BENCH_COOKIE_FILE"))
local paths = lines(os.getenv("BENCH_PATHS_FILE"))
local counting = os.getenv("BENCH_COUNT_PAGE_CACHE") == "1"
local threads = {}
local i = 0
hits, misses, others = 0, 0, 0

setup = function(thread)
  thread:set("n", #threads + 1)
  threads[#threads + 1] = thread
end

init = function(args)
  math.randomseed(os.time() * 1000 + (n or 1))
  if #cookies > 0 then i = math.random(#cookies) end
end

if #cookies > 0 or #paths > 0 then
  request = function()
    if #cookies > 0 then
      i = i % #cookies + 1
      wrk.headers["Cookie"] = cookies[i]
    end
    if #paths > 0 then return wrk.format(nil, paths[math.random(#paths)]) end
    return wrk.format()
  end
end

if counting then
  response = function(status, headers, body)
    local label = headers["X-Page-Cache"] or headers["x-page-cache"]
    if label == "hit" then hits = hits + 1
    elseif label == "miss" then misses = misses + 1
    else others = others + 1 end
  end
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + (thread:get("hits") or 0)
    m = m + (thread:get("misses") or 0)
    o = o + (thread:get("others") or 0)
  end
  io.write(string.format("PEERBENCH %.1f %.1f %.1f %.1f %d %d %d\n",
    summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
  if counting then io.write(string.format("PAGECACHE %d %d %d\n", h, m, o)) end
end
