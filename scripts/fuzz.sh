#!/usr/bin/env bash
# Runs every Go fuzz target in the repository (any package: found by grepping for
# "func FuzzXxx(" in *_test.go) for DURATION each, one after another.
#   scripts/fuzz.sh 20s        (make fuzz)
# Exit status is non-zero if any target found a failure; its input is then saved under
# that package's testdata/fuzz/<Target>/ by go test (commit it as a regression seed).
set -uo pipefail
DURATION=${1:-20s}
cd "$(dirname "$0")/.."
GO=${GO:-go}

mapfile -t targets < <(grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(' . \
	| grep -v -e '/vendor/' -e '/\.' \
	| sed -E 's#^\./(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\($#\1 \2#; s#^\./[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\($#. \1#' \
	| sort -u)

if [ ${#targets[@]} -eq 0 ]; then
	echo "no fuzz targets found"
	exit 0
fi

failed=()
for t in "${targets[@]}"; do
	dir=${t% *}
	name=${t#* }
	echo "=== fuzz ./$dir $name for $DURATION"
	if ! $GO test -run '^$' -fuzz "^${name}\$" -fuzztime "$DURATION" "./$dir"; then
		failed+=("./$dir $name")
	fi
done

echo
echo "fuzz: ${#targets[@]} targets, ${#failed[@]} failed"
for f in "${failed[@]}"; do echo "FAILED: $f"; done
[ ${#failed[@]} -eq 0 ]
