#!/bin/sh
# Installs the Debian packages Waymark needs, if any are missing.
#   ensure-packages.sh build   what `make` and `make run` need
#   ensure-packages.sh test    that, plus what `make test` needs
# As root it runs apt-get itself; otherwise it prints the exact command and fails.
set -eu
want="gcc g++ make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev liboath-dev libqrencode-dev libpwquality-dev libphonenumber-dev libmagic-dev libclamav-dev libvips-dev libpango1.0-dev libfontconfig-dev fonts-dejavu-core cracklib-runtime iso-codes"
if [ "${1:-build}" = test ]; then
	want="$want libcmocka-dev libcurl4-openssl-dev postgresql-15 postgresql-client-15 chromium openssl groff-base man-db systemd haproxy libpoppler-glib-dev"
fi
command -v node >/dev/null 2>&1 || want="$want nodejs"
command -v npm >/dev/null 2>&1 || want="$want npm"
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "Waymark needs these Debian packages. Install them with:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
