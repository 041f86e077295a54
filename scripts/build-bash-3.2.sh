#!/usr/bin/env bash
# build-bash-3.2.sh SRC_DIR [OUT]
#
# Builds bash 3.2 (macOS's /bin/bash) from GNU's source, for the tests that run the hook and
# the completion in it (test/e2e/shell-bash32.test.ts): no Debian package has it. SRC_DIR is
# an unpacked bash-3.2.x source tree (GNU's bash-3.2.57.tar.gz and its patches, or the
# bash-3.2.48 import in the bash git history). Prints the binary's path; then:
#   CCENV_TEST_BASH32=$(bash scripts/build-bash-3.2.sh ~/src/bash-3.2.57) npx vitest run test/e2e/shell-bash32.test.ts
# Needs gcc, make and bison (apt-get install -y build-essential bison). Builds in a copy
# under OUT (default: a new temporary directory); SRC_DIR is left as it is.
set -euo pipefail
src=${1:?usage: build-bash-3.2.sh SRC_DIR [OUT]}
out=${2:-$(mktemp -d)}
[[ -f "$src/parse.y" && -f "$src/patchlevel.h" ]] || { echo "build-bash-3.2.sh: $src is not a bash source tree" >&2; exit 2; }
mkdir -p "$out"
cp -pR "$src/." "$out/bash-3.2"
cd "$out/bash-3.2"
# The y.tab.c shipped with a patched tree may predate the patches to parse.y: make it anew.
rm -f y.tab.c y.tab.h
# Old C: today's gcc rejects what compilers of 2006 let pass.
CFLAGS='-O1 -std=gnu89 -fcommon -Wno-implicit-function-declaration -Wno-int-conversion -Wno-incompatible-pointer-types' \
  ./configure --without-bash-malloc >configure.log 2>&1 || { tail -20 configure.log >&2; exit 1; }
# Serially: its Makefiles race under -j.
make >make.log 2>&1 || { tail -20 make.log >&2; exit 1; }
./bash -c '[[ ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]} == 3.2 ]]' || { echo "build-bash-3.2.sh: the result is not bash 3.2" >&2; exit 1; }
echo "$PWD/bash"
