-- The raw lookup baseline: GET /_baseline/lookup?ma=<code>, one ADO.NET query by code, the same random codes.
dofile((os.getenv("BENCH_LUA") or ".") .. "/common.lua")

function init(args)
  codes = read_lines("codes.txt")
  math.randomseed(tid * 7919)
end

function request()
  return wrk.format("GET", "/_baseline/lookup?ma=" .. codes[math.random(#codes)])
end
