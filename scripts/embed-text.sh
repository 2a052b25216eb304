#!/bin/sh
# Writes a C file defining `const char NAME[]` with the contents of FILE,
# so the waymark binary carries it (the OpenAPI document).
set -eu
name=$1
file=$2
echo "/* Generated from $file by scripts/embed-text.sh. */"
echo "const char $name[] ="
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$file"
echo ";"
