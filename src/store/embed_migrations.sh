#!/bin/sh
# Writes a C file holding every migration in src/store/migrations, in order,
# so the waymark binary carries its own schema.
set -eu
echo '/* Generated from src/store/migrations by embed_migrations.sh. */'
echo '#include "store/migrate.h"'
echo 'const migration migrations[] = {'
for f in "$@"; do
	base=$(basename "$f" .sql)
	num=${base%%_*}
	printf '\t{%d, "%s",\n' "$(expr "$num" + 0)" "$base"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
done
echo '};'
printf 'const size_t migrations_count = %d;\n' "$#"
