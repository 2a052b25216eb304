#!/bin/bash
# The packaging, checked as a Debian administrator would meet it: `make
# install DESTDIR=... PREFIX=/usr` puts every file in place with its mode,
# the installed server finds its web assets, the man page renders without a
# warning and names every command, option and environment variable the
# program reads (taken from src/cli/ and from each command's --help, so a
# new one without its entry fails here), systemd-analyze verifies the unit
# and rates its exposure, the sysusers.d and tmpfiles.d files make the user
# and its private folders, and `make uninstall` takes every file away.
# Needs a built tree (make all). Prints cmocka-like counts for
# scripts/run-tests.sh; exits non-zero when a check fails.
set -u
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
passed=0
failed=0
ok() {
	echo "[       OK ] $1"
	passed=$((passed + 1))
}
fail() {
	echo "[  FAILED  ] $1"
	shift
	[ $# -gt 0 ] && printf '    %s\n' "$@"
	failed=$((failed + 1))
}
# check NAME CMD...: passes when CMD succeeds; its output is shown otherwise.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi
}
# A file's mode in octal, or "missing".
mode() { stat -c %a "$1" 2>/dev/null || echo missing; }
mk() { env -u MAKEFLAGS -u MAKELEVEL make -s --no-print-directory "$@"; }

check "make install DESTDIR PREFIX=/usr" mk install DESTDIR="$root" PREFIX=/usr

modes_right() {
	local bad="" f want
	for f in usr/bin/waymark:755 usr/share/man/man1/waymark.1:644 \
		usr/lib/systemd/system/waymark.service:644 usr/lib/sysusers.d/waymark.conf:644 \
		usr/lib/tmpfiles.d/waymark.conf:644 usr/share/waymark/web:755; do
		want=${f##*:}
		f=${f%:*}
		[ "$(mode "$root/$f")" = "$want" ] || bad="$bad $f ($(mode "$root/$f"), want $want)"
	done
	# Every web asset, and nothing else, readable by all and written by root only.
	while IFS= read -r f; do
		[ "$(mode "$root/usr/share/waymark/web/$f")" = 644 ] || bad="$bad web/$f ($(mode "$root/usr/share/waymark/web/$f"))"
	done < <(cd build/web && find . -type f ! -name .stamp | sed 's|^\./||')
	while IFS= read -r f; do
		[ -e "build/web/$f" ] || bad="$bad web/$f (not in build/web)"
	done < <(cd "$root/usr/share/waymark/web" && find . -type f | sed 's|^\./||')
	[ -e "$root/usr/share/waymark/web/.stamp" ] && bad="$bad web/.stamp"
	[ -z "$(find "$root/usr/share/waymark/web" -type d ! -perm 755)" ] || bad="$bad web folders not 755"
	[ -z "$bad" ] || { echo "wrong or missing:$bad"; return 1; }
}
check "every file in place with its mode" modes_right
check "the unit runs the installed binary" grep -qx 'ExecStart=/usr/bin/waymark serve' \
	"$root/usr/lib/systemd/system/waymark.service"

# The installed server finds PREFIX/share/waymark/web from its own path: it
# gets past the web folder to the database (here one without a schema), and
# names that folder when it is missing.
serve_finds_web() {
	local out
	out=$(cd "$work" && "$root/usr/bin/waymark" serve --db "sqlite:$work/empty.db" 2>&1)
	[ $? -eq 1 ] && grep -q "no Waymark schema" <<<"$out" || { echo "$out"; return 1; }
	mv "$root/usr/share/waymark/web" "$work/web-aside"
	out=$(cd "$work" && "$root/usr/bin/waymark" serve --db "sqlite:$work/empty.db" 2>&1)
	local rc=$?
	mv "$work/web-aside" "$root/usr/share/waymark/web"
	[ $rc -eq 2 ] && grep -qF "$root/usr/share/waymark/web does not exist" <<<"$out" || { echo "$out"; return 1; }
}
check "installed serve finds its web assets" serve_finds_web

man_clean() {
	local out
	out=$(groff -ww -man -z docs/waymark.1 2>&1) && [ -z "$out" ] || { echo "groff: $out"; return 1; }
	out=$(MANPAGER=cat MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/waymark.1" 2>&1 >/dev/null)
	[ -z "$out" ] || { echo "man: $out"; return 1; }
}
check "man page renders without warnings" man_clean

# The man page as plain text on one long line a paragraph, unhyphenated.
groff -man -Tascii -rLL=2000n -rHY=0 -P-cbou docs/waymark.1 >"$work/man.txt" 2>/dev/null
bin=build/waymark
# Commands from the program's table and its usage, with their subcommands
# from each command's usage lines ("waymark user add ...").
commands() {
	grep -o '{"[a-z-]*", cmd_' src/cli/main.c | cut -d'"' -f2
	"$bin" --help | sed -n '/^commands:/,/^$/p' | awk '/^  [a-z]/ {print $1}'
}
subcommands() {
	local c
	for c in $(commands | sort -u); do
		echo "$c"
		"$bin" "$c" --help | grep -E '^(usage: |       )waymark ' |
			awk '{for (i = 1; i <= NF; i++) if ($i == "waymark") {
				if ($(i + 2) ~ /^[a-z][a-z-]*$/) print $(i + 1) " " $(i + 2); break }}'
	done | sort -u
}
# Every option in src/cli/ (option tables and repeatable options) and in
# every --help.
options() {
	{
		grep -oh '{"--[a-z-]*"' src/cli/*.c | tr -d '{"'
		grep -oh 'cli_take_repeated([^;]*' src/cli/*.c | grep -o '"--[a-z-]*"' | tr -d '"'
		for c in $(commands | sort -u); do "$bin" "$c" --help; done | grep -o -- '--[a-z][a-z-]*'
	} | sort -u
}
# man_names LISTER: every line LISTER prints is in the man page as words.
man_names() {
	local missing="" w
	while IFS= read -r w; do
		[ -n "$w" ] || continue
		grep -qE -- "(^|[^a-zA-Z_-])$w([^a-zA-Z_-]|\$)" "$work/man.txt" || missing="$missing '$w'"
	done < <("$@")
	[ -z "$missing" ] || { echo "not in docs/waymark.1:$missing"; return 1; }
}
n_cmd=$(subcommands | wc -l)
n_opt=$(options | wc -l)
subcommands_as_waymark() { subcommands | sed 's/^/waymark /'; }
check "man page names all $n_cmd commands" man_names subcommands_as_waymark
env_vars() { grep -oh '"WAYMARK_[A-Z_]*"' src/*/*.c | tr -d '"' | sort -u; }
check "man page names all $n_opt options" man_names options
check "man page names all $(env_vars | wc -l) environment variables" man_names env_vars
# The counts above must be real: an empty list would pass vacuously.
check "the command and option lists are not empty" test "$n_cmd" -ge 10 -a "$n_opt" -ge 25

# systemd-analyze resolves ExecStart on this machine, so the installed unit
# is verified with its binary's path under DESTDIR, and its man page from
# there (Documentation=man:waymark(1)); nothing else changes. No running
# systemd is needed.
mkdir -p "$work/unit"
sed "s|^ExecStart=/usr/bin/|ExecStart=$root/usr/bin/|" "$root/usr/lib/systemd/system/waymark.service" \
	>"$work/unit/waymark.service"
check "systemd-analyze verify passes" env MANPATH="$root/usr/share/man" \
	systemd-analyze verify "$work/unit/waymark.service"
security=$(systemd-analyze security --offline=yes "$work/unit/waymark.service" 2>&1 | grep 'Overall exposure')
echo "    ${security:-systemd-analyze security printed no exposure level}"
# 1.1 when written; 1.9 is the top of systemd's "OK" band.
check "systemd-analyze security exposure at most 1.9" \
	systemd-analyze security --offline=yes --threshold=19 "$work/unit/waymark.service"

# The user and folders the unit needs, made offline in the installed tree:
# sysusers.d and tmpfiles.d need root to set owners.
users_and_folders() {
	mkdir -p "$root/etc" &&
		systemd-sysusers --root="$root" "$root/usr/lib/sysusers.d/waymark.conf" >/dev/null 2>&1 &&
		grep -q '^waymark:' "$root/etc/passwd" &&
		systemd-tmpfiles --root="$root" --create "$root/usr/lib/tmpfiles.d/waymark.conf" || return 1
	local uid d bad=""
	uid=$(awk -F: '$1 == "waymark" {print $3}' "$root/etc/passwd")
	for d in etc/waymark var/lib/waymark; do
		[ "$(stat -c '%a %u' "$root/$d" 2>/dev/null)" = "700 $uid" ] ||
			bad="$bad $d ($(stat -c '%a %u' "$root/$d" 2>/dev/null || echo missing), want 700 $uid)"
	done
	[ -z "$bad" ] || { echo "wrong:$bad"; return 1; }
	rm -rf "${root:?}/etc" "${root:?}/var"
}
if [ "$(id -u)" -eq 0 ]; then
	check "sysusers.d and tmpfiles.d make the user and private folders" users_and_folders
else
	echo "[  SKIPPED ] sysusers.d and tmpfiles.d (need root to set owners)"
fi

uninstalled() {
	mk uninstall DESTDIR="$root" PREFIX=/usr || return 1
	local left
	left=$(find "$root" -type f)
	[ -z "$left" ] || { echo "left behind: $left"; return 1; }
}
check "make uninstall removes every file" uninstalled

echo "[==========] $((passed + failed)) tests ran."
echo "[  PASSED  ] $passed tests."
if [ "$failed" -gt 0 ]; then
	echo "[  FAILED  ] $failed tests, listed above."
	exit 1
fi
