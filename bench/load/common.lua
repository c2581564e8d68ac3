-- Shared by the load scripts: reads the benchmark's files, counts the status codes each thread saw, and prints one
-- machine-readable RESULT line (requests/s, p50, p99, max in ms, statuses) for run.sh.
local dir = os.getenv("BENCH_DIR") or "."
local stride = tonumber(os.getenv("WRK_THREADS") or "2")
local all_threads = {}
local next_id = 1

function read_lines(name)
  local t = {}
  for line in io.lines(dir .. "/" .. name) do
    if #line > 0 then t[#t + 1] = line end
  end
  return t
end

function setup(thread)
  thread:set("tid", next_id)
  thread:set("stride", stride)
  next_id = next_id + 1
  table.insert(all_threads, thread)
end

statuses = {}
extra = ""
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  statuses_text = encoded_statuses() .. extra
end

function encoded_statuses()
  local parts = {}
  for code, n in pairs(statuses) do parts[#parts + 1] = code .. ":" .. n end
  return table.concat(parts, ",")
end

function done(summary, latency, requests)
  local merged = {}
  local reused = 0
  for _, thread in ipairs(all_threads) do
    local s = thread:get("statuses_text") or ""
    for code, n in string.gmatch(s, "(%d+):(%d+)") do merged[code] = (merged[code] or 0) + tonumber(n) end
    for n in string.gmatch(s, "reused=(%d+)") do reused = reused + tonumber(n) end
  end
  if reused > 0 then merged["reused"] = reused end
  local parts = {}
  for code, n in pairs(merged) do parts[#parts + 1] = code .. "=" .. n end
  table.sort(parts)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %s rps=%.1f p50=%.2f p99=%.2f max=%.2f requests=%d socket_errors=%d statuses=%s\n",
    os.getenv("BENCH_NAME") or "?", summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, " ")))
end
