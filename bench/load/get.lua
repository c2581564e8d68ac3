-- A page fetched again and again (BENCH_PATH), signed in with the cookie of BENCH_AUTH (a file from "login"), or
-- anonymous when BENCH_AUTH is empty (a file name in BENCH_DIR); also the constant baseline.
dofile((os.getenv("BENCH_LUA") or ".") .. "/common.lua")

function init(args)
  path = os.getenv("BENCH_PATH") or "/"
  headers = {}
  local auth = os.getenv("BENCH_AUTH") or ""
  if #auth > 0 then headers["Cookie"] = read_lines(auth)[1] end
end

function request()
  return wrk.format("GET", path, headers)
end
