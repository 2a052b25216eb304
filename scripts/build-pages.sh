#!/bin/sh
# Builds each web/pages/NAME.html into OUT/NAME.html inside a layout:
# web/layout.html, or web/layout-LAYOUT.html when the page names one.
# A page's first line names its title and script, and may name its layout:
#   <!-- title: Cases | script: /js/cases.js -->
#   <!-- title: Sign in | script: /js/sign-in.js | layout: signed-out -->
# In a page or a layout, a line <!-- include: NAME --> is replaced by
# web/partials/NAME.html (see expand_includes for the values it may give).
set -eu
out=$1

# Copies standard input to standard output with its include lines replaced.
# An include may give its partial values: <!-- include: NAME key="value" -->
# puts value wherever the partial says {{key}}.
expand_includes() {
	awk '
		/<!-- include: [a-z-]+.* -->/ {
			match($0, /include: [a-z-]+/)
			file = "web/partials/" substr($0, RSTART + 9, RLENGTH - 9) ".html"
			rest = substr($0, RSTART + RLENGTH)
			n = 0
			while (match(rest, /[a-z-]+="[^"]*"/)) {
				pair = substr(rest, RSTART, RLENGTH)
				eq = index(pair, "=")
				n++
				key[n] = "\\{\\{" substr(pair, 1, eq - 1) "\\}\\}"
				value[n] = substr(pair, eq + 2, length(pair) - eq - 2)
				gsub(/&/, "\\\\&", value[n])
				rest = substr(rest, RSTART + RLENGTH)
			}
			if ((getline line < file) <= 0) { print "missing partial " file > "/dev/stderr"; exit 1 }
			do {
				for (i = 1; i <= n; i++) gsub(key[i], value[i], line)
				print line
			} while ((getline line < file) > 0)
			close(file)
			next
		}
		{ print }
	'
}

for page in web/pages/*.html; do
	name=$(basename "$page")
	head=$(head -n 1 "$page")
	title=$(echo "$head" | sed -n 's/.*title: \([^|]*\) |.*/\1/p' | sed 's/ *$//')
	script=$(echo "$head" | sed -n 's/.*script: \([^ ]*\) .*/\1/p')
	layout=$(echo "$head" | sed -n 's/.*layout: \([a-z-]*\) .*/\1/p')
	tail -n +2 "$page" | expand_includes >"$out/.main"
	expand_includes <"web/layout${layout:+-$layout}.html" >"$out/.layout"
	awk -v title="$title" -v script="$script" -v mainfile="$out/.main" '
		/\{\{main\}\}/ { while ((getline line < mainfile) > 0) print line; next }
		{ gsub(/\{\{title\}\}/, title); gsub(/\{\{script\}\}/, script); print }
	' "$out/.layout" >"$out/$name"
	rm -f "$out/.main" "$out/.layout"
done
