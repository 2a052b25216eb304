-- wrk script: GET each path of a file in turn (one path a line), each wrk
-- thread starting at its own place; the headers given with -H are sent.
--   wrk ... -s bench/paths.lua URL -- FILE
local paths = {}
local i = 0
function init(args)
	for line in io.lines(args[1]) do
		if line ~= "" then paths[#paths + 1] = line end
	end
	i = math.random(#paths)
end
function request()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end
