#!/usr/bin/env bash
# LogoDesk's 24 MP fit beside libvips and ImageMagick, on this machine (make bench-image).
#
# Makes the same deterministic 24 MP test photo as the Go benchmarks (6000×4000, photo-like:
# sky, clouds, textured hills, buildings, grain; JPEG quality 92 and PNG), then for each:
#   LogoDesk:    the fit as `logodesk crm set-logo` runs it (read, check, decode, resize, JPEG quality
#                search under Zoho CRM's 1,000,000-byte budget, write), via internal/benchfit -runs 1
#   libvips:     vipsthumbnail in -s WxH! -o out.jpg[Q=85]: one resize and one encode at quality 85
#   ImageMagick: convert in -resize WxH! -define jpeg:extent=1000000B out.jpg (its own quality search)
# (W×H = LogoDesk's output size). Every tool runs as a whole process under /usr/bin/time, the three
# taking turns in each of RUNS rounds so that the machine's load hits them alike; the best and the
# median wall time and the largest peak memory (max RSS) are printed.
# Quality: PSNR (dB) and SSIM (luma, 8×8 windows) against two lossless references at the same size:
# ImageMagick's own -resize, and imaging's Lanczos (the filter LogoDesk has always used).
# Last, the two goal ratios: LogoDesk/libvips wall time (best and median) and peak memory.
# BEFORE=/path/to/an/older/benchfit adds that build as a row, timed in the same rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
GO=${GO:-go}
for tool in convert identify vipsthumbnail /usr/bin/time; do
	command -v $tool >/dev/null || {
		echo "$tool is needed: scripts/install-packages.sh imagemagick libvips-tools time" >&2
		exit 1
	}
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$GO build -o "$work/benchfit" ./service/imagefit/internal/benchfit
bf="$work/benchfit"

# run NAME CMD...: time CMD as a whole process, append "seconds maxRSS-KB" to $work/NAME.times
run() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1
	cat "$work/t" >>"$work/$name.times"
}
# median, best (seconds) and peak memory (MB) of a .times file
stats() { sort -n "$1" | awk '{t[NR]=$1; if ($2>m) m=$2} END {printf "%.3f %.3f %.0f\n", t[int((NR+1)/2)], t[1], m/1024}'; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $($GO version | cut -d' ' -f3)," \
	"libvips $(vips --version | cut -d- -f2), $(convert -version | head -1 | cut -d' ' -f2-3); best and median of $RUNS"
printf '%-5s %-11s %8s %8s %7s %9s %7s %14s %14s\n' input tool median_s best_s peak_MB bytes quality "PSNR/SSIM(IM)" "PSNR/SSIM(Go)"
for ext in jpg png; do
	in="$work/photo.$ext"
	"$bf" -gen "$in"
	rm -f "$work"/*.times
	read -r _ w h ld_q ld_bytes < <("$bf" -fit "$in" -out "$work/ld.jpg" -runs 1 2>/dev/null)
	tools="ld vips im"
	[ -n "${BEFORE:-}" ] && tools="before $tools"
	for ((i = 0; i < RUNS; i++)); do
		[ -n "${BEFORE:-}" ] && run before "$BEFORE" -fit "$in" -out "$work/before.jpg" -runs 1
		run ld "$bf" -fit "$in" -out "$work/ld.jpg" -runs 1
		run vips vipsthumbnail "$in" -s "${w}x${h}!" -o "$work/vips.jpg[Q=85]"
		run im convert "$in" -resize "${w}x${h}!" -define jpeg:extent=1000000B "$work/im.jpg"
	done
	# references
	convert "$in" -resize "${w}x${h}!" -type TrueColor "$work/ref_im.bmp"
	"$bf" -ref "$in" -w "$w" -h "$h" -out "$work/ref_go.bmp"
	q() { echo "$("$bf" -compare "$work/ref_im.bmp" "$1" | tr ' ' /) $("$bf" -compare "$work/ref_go.bmp" "$1" | tr ' ' /)"; }
	for tool in $tools; do
		case $tool in
		before) name=before out=$work/before.jpg ;;
		ld) name=LogoDesk out=$work/ld.jpg ;;
		vips) name=libvips out=$work/vips.jpg ;;
		im) name=ImageMagick out=$work/im.jpg ;;
		esac
		read -r med best mem < <(stats "$work/$tool.times")
		read -r qi qg < <(q "$out")
		printf '%-5s %-11s %8s %8s %7s %9s %7s %14s %14s\n' "$ext" "$name" "$med" "$best" "$mem" \
			"$(stat -c %s "$out")" "$(identify -format '%Q' "$out")" "$qi" "$qg"
		eval "${tool}_med=$med ${tool}_best=$best ${tool}_mem=$mem"
	done
	# shellcheck disable=SC2154 # set by the eval above
	awk -v e="$ext" -v w="$w" -v h="$h" -v lm="$ld_med" -v lb="$ld_best" -v vm="$vips_med" -v vb="$vips_best" \
		-v lr="$ld_mem" -v vr="$vips_mem" -v im="$im_med" \
		'BEGIN{printf "%-5s 24 MP -> %dx%d: LogoDesk/libvips time %.2f best, %.2f median (goal <= 2); memory %.2f (goal <= 1.5); LogoDesk/ImageMagick time %.2f median\n", e, w, h, lb/vb, lm/vm, lr/vr, lm/im}'
done
