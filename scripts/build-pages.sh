#!/bin/sh
# Builds each web/pages/NAME.html into OUT/NAME.html inside web/layout.html.
# A page's first line names its title and script:
#   <!-- title: Cases | script: /js/cases.js -->
set -eu
out=$1
for page in web/pages/*.html; do
	name=$(basename "$page")
	head=$(head -n 1 "$page")
	title=$(echo "$head" | sed -n 's/.*title: \([^|]*\) |.*/\1/p' | sed 's/ *$//')
	script=$(echo "$head" | sed -n 's/.*script: \([^ ]*\) .*/\1/p')
	tail -n +2 "$page" >"$out/.main"
	awk -v title="$title" -v script="$script" -v mainfile="$out/.main" '
		/\{\{main\}\}/ { while ((getline line < mainfile) > 0) print line; next }
		{ gsub(/\{\{title\}\}/, title); gsub(/\{\{script\}\}/, script); print }
	' web/layout.html >"$out/$name"
	rm -f "$out/.main"
done
