#!/bin/sh
# Builds each web/pages/NAME.html into OUT/NAME.html inside web/layout.html.
# A page's first line names its title and script:
#   <!-- title: Cases | script: /js/cases.js -->
# and a line <!-- include: NAME --> is replaced by web/partials/NAME.html.
set -eu
out=$1
for page in web/pages/*.html; do
	name=$(basename "$page")
	head=$(head -n 1 "$page")
	title=$(echo "$head" | sed -n 's/.*title: \([^|]*\) |.*/\1/p' | sed 's/ *$//')
	script=$(echo "$head" | sed -n 's/.*script: \([^ ]*\) .*/\1/p')
	tail -n +2 "$page" | awk '
		/<!-- include: [a-z-]+ -->/ {
			match($0, /include: [a-z-]+/)
			file = "web/partials/" substr($0, RSTART + 9, RLENGTH - 9) ".html"
			if ((getline line < file) <= 0) { print "missing partial " file > "/dev/stderr"; exit 1 }
			do print line; while ((getline line < file) > 0)
			close(file)
			next
		}
		{ print }
	' >"$out/.main"
	awk -v title="$title" -v script="$script" -v mainfile="$out/.main" '
		/\{\{main\}\}/ { while ((getline line < mainfile) > 0) print line; next }
		{ gsub(/\{\{title\}\}/, title); gsub(/\{\{script\}\}/, script); print }
	' web/layout.html >"$out/$name"
	rm -f "$out/.main"
done
