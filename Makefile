# Waymark. `make run` to try it, `make test` to check it. See README.md.

PREFIX ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

CC ?= cc
# Phone numbers go through libphonenumber, which is C++ (src/lib/phone.cpp).
CXX ?= g++
PKG_CONFIG ?= pkg-config
# Documents: media types from content (libmagic), virus scanning
# (libclamav), thumbnails and copies without metadata (libvips).
# Access bundles are set as PDF by Pango over a cairo PDF surface.
PKGS := libmicrohttpd jansson sqlite3 libpq libsodium liboath pwquality libqrencode \
	libmagic libclamav vips pangocairo
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
# libphonenumber has no pkg-config file; the shared library brings its own
# protobuf, ICU and Abseil.
PHONE_HEADER := /usr/include/phonenumbers/phonenumberutil.h
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lphonenumber -lstdc++ -lm
# The access bundle's test reads the released PDF's text with poppler.
TEST_PKGS := cmocka libcurl poppler-glib

# On a machine without the build dependencies, say what to run instead of
# failing inside pkg-config or the compiler. Goals that install them first,
# or need none, skip this; the make they start checks again. Test programs
# asked for by name need the test packages too.
comma := ,
empty :=
space := $(empty) $(empty)
DEPS_GOALS := $(filter-out deps test-deps run test check clean format uninstall,$(or $(MAKECMDGOALS),all))
ifeq ($(filter build/tests/% build/asan/tests/%,$(DEPS_GOALS)),)
DEPS_PKGS := $(PKGS)
DEPS_FIX := `make deps` (or `scripts/ensure-packages.sh build`)
else
DEPS_PKGS := $(PKGS) $(TEST_PKGS)
DEPS_FIX := `make test-deps` (or `scripts/ensure-packages.sh test`)
endif
ifneq ($(DEPS_GOALS),)
MISSING_DEPS := $(shell \
	command -v $(firstword $(CC)) >/dev/null 2>&1 || echo $(firstword $(CC)); \
	command -v $(firstword $(CXX)) >/dev/null 2>&1 || echo $(firstword $(CXX)); \
	test -f $(PHONE_HEADER) || echo libphonenumber-dev; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || echo pkg-config; \
	$(if $(filter all web install,$(DEPS_GOALS)),command -v npm >/dev/null 2>&1 || echo npm;) \
	$(PKG_CONFIG) --exists $(DEPS_PKGS) 2>/dev/null || \
	for p in $(DEPS_PKGS); do $(PKG_CONFIG) --exists $$p 2>/dev/null || echo $$p; done)
ifneq ($(MISSING_DEPS),)
$(error missing build dependencies ($(subst $(space),$(comma)$(space),$(strip $(MISSING_DEPS)))): run $(DEPS_FIX))
endif
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla
DEFS := -D_GNU_SOURCE -DWAYMARK_VERSION='"$(VERSION)"'
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(DEFS) -Isrc -MMD -MP $(PKG_CFLAGS) $(CFLAGS)
ALL_CXXFLAGS = -std=c++17 $(filter-out -Wstrict-prototypes,$(WARN)) $(DEFS) -Isrc -MMD -MP $(CFLAGS)
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC := $(sort $(wildcard src/*/*.c))
LIB_SRC := $(filter-out src/cli/main.c,$(SRC))
CXX_SRC := $(sort $(wildcard src/*/*.cpp))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
FEEDBACK_TEXTS := $(sort $(wildcard src/domain/feedback_texts/*.json))
GEN := build/gen/migrations.c build/gen/openapi.c build/gen/codes.c build/gen/feedback_texts.c
ISO_CODES := /usr/share/iso-codes/json

OBJ := $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC)) $(patsubst src/%.cpp,build/obj/%.o,$(CXX_SRC)) \
	$(patsubst build/gen/%.c,build/obj/gen/%.o,$(GEN))
# The test build: ASan and UBSan, and requests may ask for their Nth
# database call or allocation to fail (src/lib/fault.h). One build serves
# the sanitised unit and API suites and the fault sweep: a third compile
# of everything cost two minutes of every make test.
SAN_FLAGS := $(SAN_FLAGS) -DWAYMARK_FAULTS
SAN_OBJ := $(patsubst build/obj/%,build/asan/obj/%,$(OBJ))
# The sanitised objects depend on their flags, kept in a file rewritten
# only when they change, so a tree built with other flags is rebuilt.
SAN_STAMP := build/asan/flags
$(shell mkdir -p build/asan && [ "$$(cat $(SAN_STAMP) 2>/dev/null)" = '$(SAN_FLAGS)' ] || echo '$(SAN_FLAGS)' > $(SAN_STAMP))

UNIT_SRC := $(sort $(wildcard tests/unit/*/*_test.c))
UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/unit/%,$(UNIT_SRC))
SAN_UNIT_BIN := $(patsubst tests/unit/%.c,build/asan/tests/unit/%,$(UNIT_SRC))
API_SRC := $(sort $(wildcard tests/api/*_test.c))
API_BIN := $(patsubst tests/api/%.c,build/tests/api/%,$(API_SRC))
SAN_API_BIN := $(patsubst tests/api/%.c,build/asan/tests/api/%,$(API_SRC))
UNIT_HELPERS := tests/support/engines.c tests/support/fixtures.c tests/support/exif_jpeg.c tests/support/zip.c
API_HELPERS := tests/api/client.c tests/api/fixtures.c tests/support/engines.c tests/support/exif_jpeg.c tests/support/zip.c
FAULTS_HELPERS := $(filter-out tests/faults/sweep_test.c,$(wildcard tests/faults/*.c))

WEB_SRC := $(shell find web -type f 2>/dev/null)

.PHONY: all deps test-deps web run test test-faults check install uninstall clean fuzz bench format
all: build/waymark web

deps:
	@scripts/ensure-packages.sh build

test-deps:
	@scripts/ensure-packages.sh test

build/gen/migrations.c: src/store/embed_migrations.sh $(MIGRATIONS)
	@mkdir -p $(@D)
	src/store/embed_migrations.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

build/gen/openapi.c: scripts/embed-text.sh src/api/openapi.json
	@mkdir -p $(@D)
	scripts/embed-text.sh openapi_json src/api/openapi.json > $@.tmp && mv $@.tmp $@

# The feedback questionnaire in each language (src/domain/feedback.h).
build/gen/feedback_texts.c: scripts/embed-text.sh $(FEEDBACK_TEXTS)
	@mkdir -p $(@D)
	for f in $(FEEDBACK_TEXTS); do scripts/embed-text.sh feedback_text_$$(basename $$f .json) $$f; done > $@.tmp && mv $@.tmp $@

# Countries and languages by name, from Debian's iso-codes (src/domain/codes.h).
build/gen/codes.c: scripts/gen-codes.sh
	@mkdir -p $(@D)
	scripts/gen-codes.sh $(ISO_CODES)/iso_3166-1.json $(ISO_CODES)/iso_639-2.json > $@.tmp && mv $@.tmp $@

build/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo 'CC      $<'
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

build/obj/%.o: src/%.cpp
	@mkdir -p $(@D)
	@echo 'CXX     $<'
	@$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	@echo 'CC      $<'
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

build/asan/obj/%.o: src/%.c $(SAN_STAMP)
	@mkdir -p $(@D)
	@echo 'CC asan $<'
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

build/asan/obj/%.o: src/%.cpp $(SAN_STAMP)
	@mkdir -p $(@D)
	@echo 'CXX asan $<'
	@$(CXX) $(ALL_CXXFLAGS) $(SAN_FLAGS) -c $< -o $@

build/asan/obj/gen/%.o: build/gen/%.c $(SAN_STAMP)
	@mkdir -p $(@D)
	@echo 'CC asan $<'
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

build/libwaymark.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^

build/asan/libwaymark.a: $(SAN_OBJ)
	rm -f $@ && ar rcs $@ $^

build/waymark: build/obj/cli/main.o build/libwaymark.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread

build/asan/waymark: build/asan/obj/cli/main.o build/asan/libwaymark.a
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) -lpthread

# The test targets build with a job for each core.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Tests: each file in tests/unit/ mirrors one in src/; API tests talk HTTP.
TEST_CFLAGS = $(ALL_CFLAGS) -Itests $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS)) $(PKG_LIBS) -lpthread

# The helpers shared by test programs are compiled once, not into each of
# them: that compile was most of the time spent building the tests.
build/tests/obj/%.o: tests/%.c
	@mkdir -p $(@D)
	@echo 'CC      $<'
	@$(CC) $(TEST_CFLAGS) -c $< -o $@

build/asan/tests/obj/%.o: tests/%.c $(SAN_STAMP)
	@mkdir -p $(@D)
	@echo 'CC asan $<'
	@$(CC) $(TEST_CFLAGS) $(SAN_FLAGS) -c $< -o $@

test_obj = $(patsubst tests/%.c,build/tests/obj/%.o,$(1))
san_test_obj = $(patsubst tests/%.c,build/asan/tests/obj/%.o,$(1))
TEST_HELPERS := $(sort $(UNIT_HELPERS) $(API_HELPERS) $(FAULTS_HELPERS))
.SECONDARY: $(call test_obj,$(TEST_HELPERS)) $(call san_test_obj,$(TEST_HELPERS))

build/tests/unit/%: tests/unit/%.c $(call test_obj,$(UNIT_HELPERS)) build/libwaymark.a
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(call test_obj,$(UNIT_HELPERS)) build/libwaymark.a $(TEST_LIBS)

build/asan/tests/unit/%: tests/unit/%.c $(call san_test_obj,$(UNIT_HELPERS)) build/asan/libwaymark.a
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(SAN_FLAGS) -o $@ $< $(call san_test_obj,$(UNIT_HELPERS)) build/asan/libwaymark.a $(TEST_LIBS)

# The scanner's test loads the project's own signature (dist/clamav/).
build/tests/unit/lib/scan_test build/asan/tests/unit/lib/scan_test: \
	TEST_CFLAGS += -DWAYMARK_CLAMAV_DIR='"$(CURDIR)/dist/clamav"'

# The documents store's test counts the allocations blobs_put makes.
build/tests/unit/store/blobs_test build/asan/tests/unit/store/blobs_test: \
	TEST_CFLAGS += -Wl,--wrap=malloc -Wl,--wrap=calloc

# The vocabularies' test reads the HTCDS v2.0 field table and
# docs/vocabularies.md from the repository.
build/tests/unit/domain/vocab_test build/asan/tests/unit/domain/vocab_test: \
	TEST_CFLAGS += -DWAYMARK_HTCDS_CSV='"$(CURDIR)/docs/standards/htcds-v2-fields.csv"' \
		-DWAYMARK_VOCAB_DOC='"$(CURDIR)/docs/vocabularies.md"'

build/tests/api/%: tests/api/%.c $(call test_obj,$(API_HELPERS)) tests/api/client.h tests/api/fixtures.h build/libwaymark.a
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(call test_obj,$(API_HELPERS)) build/libwaymark.a $(TEST_LIBS)

build/asan/tests/api/%: tests/api/%.c $(call san_test_obj,$(API_HELPERS)) tests/api/client.h tests/api/fixtures.h build/asan/libwaymark.a
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(SAN_FLAGS) -o $@ $< $(call san_test_obj,$(API_HELPERS)) build/asan/libwaymark.a $(TEST_LIBS)

# The fault sweep (tests/faults/): drives build/asan/waymark.
build/asan/tests/sweep_test: tests/faults/sweep_test.c $(call san_test_obj,$(FAULTS_HELPERS) $(API_HELPERS)) $(wildcard tests/faults/*.h) tests/api/client.h build/asan/libwaymark.a
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(SAN_FLAGS) -o $@ $< $(call san_test_obj,$(FAULTS_HELPERS) $(API_HELPERS)) build/asan/libwaymark.a $(TEST_LIBS)

# The write load of scripts/cluster.sh check.
build/tests/cluster/load: tests/cluster/load.c
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_LIBS)

# The web UI: our files plus GOV.UK Frontend and MOJ Frontend from npm.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

web: build/web/.stamp

build/web/.stamp: node_modules/.package-lock.json $(WEB_SRC) scripts/build-pages.sh
	rm -rf build/web && mkdir -p build/web/vendor build/web/assets
	cp -R web/. build/web/
	rm -rf build/web/pages build/web/partials build/web/layout.html build/web/layout-*.html
	scripts/build-pages.sh build/web
	cp -R node_modules/govuk-frontend/dist/govuk/assets/. build/web/assets/
	cp -R node_modules/@ministryofjustice/frontend/moj/assets/. build/web/assets/
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
	   node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js \
	   node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.css \
	   node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js build/web/vendor/
	cp node_modules/chart.js/dist/chart.umd.min.js build/web/vendor/chart.umd.js
	cp node_modules/cytoscape/dist/cytoscape.min.js build/web/vendor/cytoscape.js
	cp node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js \
	   node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css build/web/vendor/
	@touch $@

var/waymark.db: | build/waymark
	build/waymark init --db sqlite:var/waymark.db
	build/waymark demo --db sqlite:var/waymark.db

run: deps
	$(MAKE) all
	@if [ ! -f var/waymark.db ]; then $(MAKE) var/waymark.db; else build/waymark init --db sqlite:var/waymark.db; build/waymark demo --db sqlite:var/waymark.db | sed -n '3,$$p'; fi
	@echo "Waymark on http://127.0.0.1:8080 (Ctrl-C stops it)"
	build/waymark serve --db sqlite:var/waymark.db --listen 127.0.0.1:8080

test: test-deps
	$(MAKE) -j$(JOBS) all build/asan/waymark build/asan/tests/sweep_test \
		$(UNIT_BIN) $(SAN_UNIT_BIN) $(API_BIN) $(SAN_API_BIN) build/tests/cluster/load
	scripts/run-tests.sh

# Every write path, every fault at every call, on both engines (docs/architecture.md, Tests).
test-faults: test-deps
	$(MAKE) -j$(JOBS) all build/asan/waymark build/asan/tests/sweep_test
	scripts/run-tests.sh faults

# The inner loop: build, unit tests and the API tests on SQLite (about two minutes).
check: test-deps
	$(MAKE) -j$(JOBS) all $(UNIT_BIN) $(API_BIN)
	scripts/run-tests.sh quick

# What a Debian administrator expects: the binary, the web assets (which
# serve finds at PREFIX/share/waymark/web beside PREFIX/bin/waymark), the
# man page, and a hardened systemd unit with its user and folders
# (dist/, docs/operations.md). Data in /etc/waymark and /var/lib/waymark is
# never touched by install or uninstall.
BINDIR = $(PREFIX)/bin
WEBDIR = $(PREFIX)/share/waymark/web
MAN1DIR = $(PREFIX)/share/man/man1
UNITDIR = $(PREFIX)/lib/systemd/system
SYSUSERSDIR = $(PREFIX)/lib/sysusers.d
TMPFILESDIR = $(PREFIX)/lib/tmpfiles.d

install: all
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(WEBDIR) $(DESTDIR)$(MAN1DIR) \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR)
	install -m 0755 build/waymark $(DESTDIR)$(BINDIR)/waymark
	cp -R build/web/. $(DESTDIR)$(WEBDIR)/
	rm -f $(DESTDIR)$(WEBDIR)/.stamp
	find $(DESTDIR)$(WEBDIR) -type d -exec chmod 0755 {} +
	find $(DESTDIR)$(WEBDIR) -type f -exec chmod 0644 {} +
	install -m 0644 docs/waymark.1 $(DESTDIR)$(MAN1DIR)/waymark.1
	sed 's|@BINDIR@|$(BINDIR)|g' dist/waymark.service.in > $(DESTDIR)$(UNITDIR)/waymark.service.tmp
	chmod 0644 $(DESTDIR)$(UNITDIR)/waymark.service.tmp
	mv $(DESTDIR)$(UNITDIR)/waymark.service.tmp $(DESTDIR)$(UNITDIR)/waymark.service
	install -m 0644 dist/waymark.sysusers $(DESTDIR)$(SYSUSERSDIR)/waymark.conf
	install -m 0644 dist/waymark.tmpfiles $(DESTDIR)$(TMPFILESDIR)/waymark.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/waymark $(DESTDIR)$(MAN1DIR)/waymark.1 \
		$(DESTDIR)$(UNITDIR)/waymark.service $(DESTDIR)$(SYSUSERSDIR)/waymark.conf \
		$(DESTDIR)$(TMPFILESDIR)/waymark.conf
	rm -rf $(DESTDIR)$(PREFIX)/share/waymark

# libFuzzer harnesses: run by hand, e.g. `make fuzz && build/fuzz/jsonv -max_total_time=600`.
FUZZ_SRC := $(sort $(wildcard fuzz/*.c))
fuzz: $(patsubst fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
# The C++ sources are compiled apart (C++ flags) and linked by clang's C
# driver, so without UBSan's vptr check, whose runtime only clang++ links.
FUZZ_CXX_OBJ := $(patsubst src/%.cpp,build/fuzz/obj/%.o,$(CXX_SRC))
.SECONDARY: $(FUZZ_CXX_OBJ)
build/fuzz/obj/%.o: src/%.cpp
	@mkdir -p $(@D)
	clang++ -std=c++17 $(DEFS) -Isrc -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
		-fno-sanitize=vptr -c $< -o $@
build/fuzz/%: fuzz/%.c $(LIB_SRC) $(GEN) $(FUZZ_CXX_OBJ)
	@mkdir -p $(@D)
	clang -std=c11 $(DEFS) -Isrc $(PKG_CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined \
		-o $@ $< $(LIB_SRC) $(GEN) $(FUZZ_CXX_OBJ) $(PKG_LIBS) -lpthread

bench: all build/bench/search build/bench/staff build/bench/victims build/bench/links
	@echo "see bench/README.md"

build/bench/%: bench/%.c build/libwaymark.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libwaymark.a $(PKG_LIBS) -lpthread

format:
	clang-format -i $(SRC) $(CXX_SRC) $(wildcard src/*/*.h) $(UNIT_SRC) $(API_SRC) $(wildcard tests/faults/*.[ch])

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
