-- The full submit path: each request files a different complete draft (POST /nop-ho-so/{id}/nop as the signed-in
-- citizen, with the antiforgery token). drafts.txt is split between the threads; a thread that ran out would re-post
-- a filed draft (the idempotent path), which the RESULT line reports as "reused".
dofile((os.getenv("BENCH_LUA") or ".") .. "/common.lua")

function init(args)
  local all = read_lines(os.getenv("BENCH_DRAFTS") or "drafts.txt")
  local auth = read_lines("citizen.txt")
  ids = {}
  for i = tid, #all, stride do ids[#ids + 1] = all[i] end
  n = 0
  reused = 0
  headers = { ["Cookie"] = auth[1], ["Content-Type"] = "application/x-www-form-urlencoded" }
  body = "__RequestVerificationToken=" .. auth[2]
end

function request()
  n = n + 1
  local id = ids[n]
  if id == nil then
    reused = reused + 1
    extra = ",reused=" .. reused
    id = ids[#ids]
  end
  return wrk.format("POST", "/nop-ho-so/" .. id .. "/nop", headers, body)
end
