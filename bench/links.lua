-- wrk script for bench/links.sh: cycles through the requests of one kind
-- drawn from the seeder's sample (build/bench/links writes it).
--   LINKS_MODE    post | links | network | case
--   LINKS_SAMPLE  the sample file ("case\tID" and "post\tCASE\tBODY" lines)
--   LINKS_COOKIE  the session cookie; LINKS_CSRF its CSRF token
--   LINKS_START   the first post line to send (so no run records one twice)
local mode = os.getenv("LINKS_MODE")
local headers = {
	["Cookie"] = os.getenv("LINKS_COOKIE"),
	["X-CSRF-Token"] = os.getenv("LINKS_CSRF"),
	["Content-Type"] = "application/json",
}
local paths = {
	links = "/api/v1/cases/%s/links",
	network = "/api/v1/cases/%s/network?depth=3",
	case = "/api/v1/cases/%s",
}
local reqs = {}
-- In init, not at the top: wrk knows the host (for the Host header) only then.
function init(args)
	local start = tonumber(os.getenv("LINKS_START") or "0")
	local posts = 0
	for line in io.lines(os.getenv("LINKS_SAMPLE")) do
		local kind, id, body = line:match("^(%a+)\t([^\t]+)\t?(.*)$")
		if mode == "post" and kind == "post" then
			posts = posts + 1
			if posts > start then
				reqs[#reqs + 1] = wrk.format("POST", "/api/v1/cases/" .. id .. "/selectors", headers, body)
			end
		elseif mode ~= "post" and kind == "case" then
			reqs[#reqs + 1] = wrk.format("GET", paths[mode]:format(id), headers)
		end
	end
end
local i = 0
function request()
	i = i % #reqs + 1
	return reqs[i]
end
