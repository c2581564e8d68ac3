-- The public lookup page: POST /tra-cuu with a random existing code and its PIN (the bulk-loaded dossiers all have
-- 000000), antiforgery included, rendered as the citizen sees it.
dofile((os.getenv("BENCH_LUA") or ".") .. "/common.lua")

function init(args)
  codes = read_lines("codes.txt")
  local auth = read_lines("anonymous.txt")
  headers = { ["Cookie"] = auth[1], ["Content-Type"] = "application/x-www-form-urlencoded" }
  token = auth[2]
  math.randomseed(tid * 7919)
end

function request()
  local code = codes[math.random(#codes)]
  return wrk.format("POST", "/tra-cuu", headers, "Code=" .. code .. "&Pin=000000&__RequestVerificationToken=" .. token)
end
