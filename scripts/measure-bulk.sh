#!/usr/bin/env bash
# Figures for "everyone's Zoom picture from one folder" (logodesk zoom pictures-from), measured with
# the built binary against `logodesk sandbox --zoom-users 1200` on loopback, with no rate limit (--pace 0):
#   1. users per minute: a run over SMALL photos of 256×256 (the pipeline: list users, match, fit,
#      look up, download, back up, upload, record), and the runs over 12-megapixel photos below;
#   2. peak RSS of a whole run over 50 and over 500 photos of 12 megapixels (4000×3000 JPEG, about
#      4.8 MB each, fitted under Zoom's 2 MB): memory must not grow with the folder (< 50 MB apart);
#   3. time to the first preview row: from starting `--dry-run` on the 500-photo folder to its first
#      matched and fitted row (users listed, folder matched, one 12 MP photo fitted).
# Each run gets a fresh sandbox, so every user really is changed.
#   scripts/measure-bulk.sh                 (SMALL=1000 BIG="50 500" by default)
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
SMALL=${SMALL:-1000}
BIG=${BIG:-50 500}
export LC_ALL=C.UTF-8 LANG=C.UTF-8
work=$(mktemp -d)
sandbox_pid=""
cleanup() {
	[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

$GO build -o "$work/logodesk" .
$GO build -o "$work/genphotos" ./scripts/genphotos
bin="$work/logodesk"

port=$((20000 + RANDOM % 20000))
# start_sandbox runs a fresh sandbox with 1,200 Zoom users and points the command line at it.
start_sandbox() {
	[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null || true
	port=$((port + 1))
	"$bin" sandbox --addr "127.0.0.1:$port" --zoom-users 1200 >"$work/sandbox.log" 2>&1 &
	sandbox_pid=$!
	for _ in $(seq 100); do
		grep -q "running at" "$work/sandbox.log" && break
		sleep 0.1
	done
	# LOGODESK_ZOOM_TOKEN is the name once LOGODESK_TOKEN is split per vendor; both work.
	export LOGODESK_ZOOM_API="http://127.0.0.1:$port/zoom/v2" LOGODESK_TOKEN=sandbox-demo-token LOGODESK_ZOOM_TOKEN=sandbox-demo-token
	export LOGODESK_BACKUP_DIR="$work/backups-$port"
}

# run DIR: a whole run; prints "seconds peak_KB" (GNU time) and checks every user was changed.
run() {
	local out="$work/run.out"
	/usr/bin/time -f "%e %M" -o "$work/time" "$bin" zoom pictures-from "$1" --pace 0 >"$out" 2>&1 || {
		echo "the run failed:" >&2
		tail -5 "$out" >&2
		exit 1
	}
	grep -q "^Pictures changed for $2 of $2 users\.$" "$out" || { echo "unexpected result:" >&2; tail -3 "$out" >&2; exit 1; }
	cat "$work/time"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $($GO version | cut -d' ' -f3)"

# 1. Throughput with small photos.
"$work/genphotos" -dir "$work/small" -n "$SMALL" -width 256 -height 256 -distinct 8
start_sandbox
read -r secs _ < <(run "$work/small" "$SMALL")
printf 'users per minute, %d photos of 256×256, no rate limit: %.0f (%.1f s in all)\n' "$SMALL" "$(echo "$SMALL * 60 / $secs" | bc -l)" "$secs"

# 2. Peak memory and throughput with 12-megapixel photos.
declare -A rss
for n in $BIG; do
	"$work/genphotos" -dir "$work/big$n" -n "$n" -width 4000 -height 3000 -distinct 4
	start_sandbox
	read -r secs kb < <(run "$work/big$n" "$n")
	rss[$n]=$kb
	printf '%d photos of 12 MP: peak RSS %.0f MB, %.1f s, %.1f users per minute\n' "$n" "$(echo "$kb / 1024" | bc -l)" "$secs" "$(echo "$n * 60 / $secs" | bc -l)"
done
set -- $BIG
if [ $# -ge 2 ]; then
	diff=$(( (${rss[$2]} - ${rss[$1]}) / 1024 ))
	printf 'peak RSS difference, %d vs %d photos: %d MB (%s)\n' "$2" "$1" "$diff" "$([ ${diff#-} -lt 50 ] && echo "under 50 MB: flat" || echo "NOT under 50 MB")"
fi

# 3. Time to the first preview row of a dry run over the largest folder.
last=${*: -1}
start_sandbox
mkfifo "$work/rows"
t0=$EPOCHREALTIME
"$bin" zoom pictures-from "$work/big$last" --dry-run >"$work/rows" 2>/dev/null &
dry_pid=$!
first="" seen_header=0
while IFS= read -r line; do
	if [[ $seen_header == 1 && $line == *" ← "* ]]; then
		first=$EPOCHREALTIME
		break
	fi
	[[ $line == "What would be sent"* ]] && seen_header=1
done <"$work/rows"
kill "$dry_pid" 2>/dev/null || true
wait "$dry_pid" 2>/dev/null || true
if [ -n "$first" ]; then
	printf 'time to the first preview row (%d users listed, %d files matched, one 12 MP photo fitted): %.2f s\n' 1200 "$last" "$(echo "$first - $t0" | bc -l)"
else
	echo "the dry run printed no preview row" >&2
	exit 1
fi
