# bench/run.sh --only light-hooks: the light and heavy hook rows alone, in a JVM of their own and through the hook
# server, for work on the hook path (issue 26 item 5). Sourced by run.sh after lib.sh; the inputs are the full run's
# (cached in bench/work/ once built).
bench_light_hooks() {
  prepare_jvm_reference
  prepare_inputs
  bench_hooks
  bench_heavy_hooks
}
