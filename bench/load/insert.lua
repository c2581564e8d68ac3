-- The raw insert baseline: POST /_baseline/insert, one row with ADO.NET.
dofile((os.getenv("BENCH_LUA") or ".") .. "/common.lua")

function request()
  return wrk.format("POST", "/_baseline/insert")
end
