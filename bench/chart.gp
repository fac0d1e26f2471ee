# Chart of a results TSV written by bench/report.sh.
#   gnuplot -e "in='R.tsv'; out='R.svg'; have_mote=0|1; heading='...'" bench/chart.gp
# Top: mote/native ratios per kernel (host time, Cortex-M3 and rv32
# instruction counts) on a log scale with the 10x target line, so a
# regression stands out. Bottom: the native baseline itself (host ms and
# millions of target instructions), to show what each ratio is relative to.
set terminal svg size 1100,900 dynamic font "sans,11" background rgb "white"
set termoption noenhanced  # kernel names contain '_'
set output out
set datafile separator "\t"
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set grid ytics
set xtics rotate by -30 nomirror
set key top left horizontal
set multiplot layout 2,1 title heading

set title "mote / native (lower is better; issue 7 target: geomean <= 10x)"
set ylabel "ratio"
if (have_mote) {
    plot in using 7:xtic(1) title "host time", \
         '' using 10 title "Cortex-M3 instructions", \
         '' using 13 title "rv32 instructions", \
         10 with lines dashtype 2 linecolor rgb "red" title "10x"
} else {
    set label 1 "no mote figures yet" at graph 0.5, graph 0.5 center font "sans,14"
    set xrange [0:1]
    set yrange [1:100]
    unset xtics
    plot 10 with lines dashtype 2 linecolor rgb "red" title "10x"
    unset label 1
    set autoscale
    set xtics rotate by -30 nomirror
}

# The last row is the geomean, which has no native figures: leave it out.
stats in using 0 nooutput
last = STATS_records - 2
set title "native baseline"
set ylabel "ms  /  million instructions"
plot in every ::0::last using 4:xtic(1) title "host x86-64 ms", \
     '' every ::0::last using ($8 / 1e6) title "Cortex-M3 Minstr", \
     '' every ::0::last using ($11 / 1e6) title "rv32 Minstr"
unset multiplot
