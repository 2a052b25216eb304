-- wrk script for bench/soak.sh: the mixed load, paced to a rate.
--   wrk ... -s bench/soak.lua URL -- COOKIE CSRF CASES NAMES RATE
-- CASES and NAMES are files of case ids and of names (one a line); RATE is
-- this thread's requests a second (0: as fast as the server answers).
-- Each request is, at random: 45% a case read, 20% a person search, 20%
-- GET /api/v1/me, 10% a note added to a case, 5% a new case. wrk cannot
-- pace, so delay() holds each request back to the thread's next slot on a
-- steady clock, slots 1000/RATE ms apart (a late thread catches up for at
-- most a second). Counts the answers' statuses and prints them at the end.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
int clock_gettime(int clock, soak_timespec *tp);
]]
local ts = ffi.new("soak_timespec")
local function now_ms()
	ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
	return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
	thread:set("id", #threads + 1)
	threads[#threads + 1] = thread
end

local cases, names = {}, {}
statuses = {} -- a global, for done() to read from each thread
local interval, next_ms, n = 0, nil, 0
local read_h, write_h

local function lines(path, t, enc)
	for line in io.lines(path) do
		if line ~= "" then
			t[#t + 1] = enc and line:gsub("[^%w%-%._~]", function(c)
				return string.format("%%%02X", string.byte(c))
			end) or line
		end
	end
end

function init(args)
	math.randomseed(os.time() * 100 + id)
	read_h = {Cookie = args[1]}
	write_h = {Cookie = args[1], ["X-CSRF-Token"] = args[2], ["Content-Type"] = "application/json"}
	lines(args[3], cases)
	lines(args[4], names, true)
	local rate = tonumber(args[5])
	interval = rate > 0 and 1000 / rate or 0
end

function request()
	local r = math.random(100)
	n = n + 1
	if r <= 45 then
		return wrk.format("GET", "/api/v1/cases/" .. cases[math.random(#cases)], read_h)
	elseif r <= 65 then
		return wrk.format("GET", "/api/v1/people?q=" .. names[math.random(#names)], read_h)
	elseif r <= 85 then
		return wrk.format("GET", "/api/v1/me", read_h)
	elseif r <= 95 then
		return wrk.format("POST", "/api/v1/cases/" .. cases[math.random(#cases)] .. "/notes", write_h,
			'{"text":"Soak note ' .. id .. "-" .. n .. '"}')
	end
	return wrk.format("POST", "/api/v1/cases", write_h,
		'{"title":"Soak case ' .. id .. "-" .. n .. '","exploitation_types":["labour"]}')
end

function delay()
	if interval == 0 then return 0 end
	local now = now_ms()
	if not next_ms or next_ms < now - 1000 then next_ms = now end
	next_ms = next_ms + interval
	return math.max(0, math.floor(next_ms - now))
end

function response(status)
	statuses[status] = (statuses[status] or 0) + 1
end

function done()
	local all = {}
	for _, t in ipairs(threads) do
		for s, c in pairs(t:get("statuses")) do all[s] = (all[s] or 0) + c end
	end
	local keys = {}
	for s in pairs(all) do keys[#keys + 1] = s end
	table.sort(keys)
	for _, s in ipairs(keys) do io.write(string.format("status %d %d\n", s, all[s])) end
end
