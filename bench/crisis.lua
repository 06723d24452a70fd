-- wrk script for the crisis drill (bench/crisis.py): each thread asks the addresses given after `--` in turn, and
-- report.lua's BENCH_JSON line (the 95th percentile, errors by kind) is printed at the end.
local folder = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(folder .. "report.lua")

local paths = {}
local turn = 0

function init(args)
  for _, path in ipairs(args) do
    paths[#paths + 1] = path
  end
end

function request()
  turn = turn % #paths + 1
  return wrk.format(nil, paths[turn])
end
