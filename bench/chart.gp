# Chart of a benchmark run, drawn by bench/report.sh:
#   gnuplot -e "in='T'; out='R.svg'; have_mote=0|1; heading='...'" bench/chart.gp
# T is tab-separated, one row per kernel then a "geomean" row, columns:
#   1 kernel  2 host wall ratio  3 whole-process ratio  4 M3 ratio  5 rv32 ratio
#   6-9 fuel overhead % (host wall, host CPU, M3, rv32)  10 load MB/s
#   11 compiled bytes per wasm code byte  12 native ms  13 M3 native instr
#   14 rv32 native instr
# With mote figures: four panels, each with issue 7's target as a red line
# (ratios <= 10x geomean and host <= 20x per kernel, metering <= 5%,
# load >= 5 MB/s, code <= 2.5 B per byte).
# Without (run-native.sh): the native baseline alone.
set terminal svg size 1400,1000 dynamic font "sans,11" background rgb "white"
set termoption noenhanced  # kernel names contain '_'
set output out
set datafile separator "\t"
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set xtics rotate by -30 nomirror
set key outside top center horizontal

if (!have_mote) {
    stats in using 0 nooutput
    last = STATS_records - 2           # leave out the geomean row
    set title heading . ": native baseline (no mote figures)"
    set logscale y
    set ylabel "ms  /  million instructions"
    plot in every ::0::last using 12:xtic(1) title "host x86-64 ms", \
         '' every ::0::last using ($13 / 1e6) title "Cortex-M3 Minstr", \
         '' every ::0::last using ($14 / 1e6) title "rv32 Minstr"
    exit
}

set multiplot layout 2,2 title heading
set title "mote / native (lower is better; target: geomean <= 10x)"
set logscale y
set ylabel "ratio"
plot in using 2:xtic(1) title "host time", \
     '' using 3 title "host whole process", \
     '' using 4 title "Cortex-M3 instructions", \
     '' using 5 title "rv32 instructions", \
     10 with lines dashtype 2 linewidth 2 linecolor rgb "red" title "10x", \
     20 with lines dashtype 3 linewidth 2 linecolor rgb "red" title "20x (worst host kernel)"
unset logscale y

set title "fuel metering on vs off, % (target <= 5%)"
set ylabel "overhead %"
plot in using 6:xtic(1) title "host wall", \
     '' using 7 title "host CPU", \
     '' using 8 title "M3 instructions", \
     '' using 9 title "rv32 instructions", \
     5 with lines dashtype 2 linewidth 2 linecolor rgb "red" title "5%"

set title "load: decode + validate + compile on the host (higher is better; target >= 5 MB/s)"
set ylabel "MB/s of wasm"
set yrange [0:*]
plot in using 10:xtic(1) title "MB/s" linecolor rgb "#4477aa", \
     5 with lines dashtype 2 linewidth 2 linecolor rgb "red" title "5 MB/s"

set title "compiled code per wasm code byte (target <= 2.5)"
set ylabel "bytes per byte"
plot in using 11:xtic(1) title "compiled / code section" linecolor rgb "#228833", \
     2.5 with lines dashtype 2 linewidth 2 linecolor rgb "red" title "2.5"
unset multiplot
