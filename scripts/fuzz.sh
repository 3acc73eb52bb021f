#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (issue 9): the interpreter (scanner + parser +
# interpreter), the CSV, .npy and safetensors readers, the path checker of confined scripts
# (names of Unicode look-alikes, `.`/`..`, separators, symlinks) and `check`'s number comparison.
#
#   scripts/fuzz.sh build                      build the six fuzzers into .build-fuzz/
#   scripts/fuzz.sh run TARGET RUNS [ARGS]     run one: interpreter | csv | npy | safetensors | paths | numbers
#
# The libraries are built with `swift build --sanitize=fuzzer` (coverage), the harnesses in
# Fuzz/ linked against their objects with -sanitize=fuzzer,address. Seed corpora: sessions/
# for the interpreter, the test fixtures for the readers. Crashes land in Fuzz/crashes/TARGET;
# each one found is fixed and kept as a regression test (Tests/*/FuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
B=.build-fuzz/x86_64-unknown-linux-gnu/release
OUT=.build-fuzz

build() {
  swift build -c release --sanitize=fuzzer --scratch-path .build-fuzz --target Workbench >/dev/null
  objs=$(ls $B/{Workbench,Interop,Plots,Language,NN,Datasets,Autodiff,Matmul,CMatmulKernels,CVectorKernels,CSystem}.build/*.o)
  flags=(-O -sanitize=fuzzer,address -parse-as-library -I $B/Modules
         -Xcc -fmodule-map-file=$B/CMatmulKernels.build/module.modulemap
         -Xcc -fmodule-map-file=$B/CVectorKernels.build/module.modulemap
         -Xcc -fmodule-map-file=$B/CSystem.build/module.modulemap)
  swiftc "${flags[@]}" Fuzz/InterpreterFuzzer.swift Fuzz/FuzzLimits.swift $objs -o $OUT/fuzz-interpreter 2>/dev/null
  for t in csv npy safetensors; do
    T=$(echo $t | tr a-z A-Z)
    swiftc "${flags[@]}" -DFUZZ_$T Fuzz/ReaderFuzzers.swift Fuzz/FuzzLimits.swift $objs -o $OUT/fuzz-$t 2>/dev/null
  done
  swiftc "${flags[@]}" Fuzz/PathFuzzer.swift $objs -o $OUT/fuzz-paths 2>/dev/null
  swiftc "${flags[@]}" Fuzz/NumberComparisonFuzzer.swift $objs -o $OUT/fuzz-numbers 2>/dev/null
  echo "built $OUT/fuzz-{interpreter,csv,npy,safetensors,paths,numbers}"
}

seeds() {
  local dir=$PWD/$OUT/corpus/$1   # absolute: the paths harness changes its working directory
  mkdir -p "$dir"
  case $1 in
    interpreter) cp sessions/*.grad "$dir"/ ;;
    csv) find Tests/DatasetsTests/Fixtures -name '*.csv' -exec cp {} "$dir"/ \; 2>/dev/null; cp data/iris.csv "$dir"/ ;;
    npy) cp Fuzz/seeds/npy/*.npy "$dir"/; find Tests/DatasetsTests/Fixtures -name '*.npy' -exec cp {} "$dir"/ \; 2>/dev/null || true ;;
    safetensors) cp Fuzz/seeds/safetensors/* "$dir"/ ;;
    paths|numbers) cp Fuzz/seeds/$1/* "$dir"/ ;;
  esac
  echo "$dir"
}

case ${1:-} in
  build) build ;;
  run)
    target=$2; runs=$3; shift 3
    corpus=$(seeds "$target")
    mkdir -p Fuzz/crashes/$target
    len=4096; [ "$target" = interpreter ] && len=512
    case $target in paths) len=24 ;; numbers) len=64 ;; esac
    $OUT/fuzz-$target "$corpus" -runs="$runs" -max_len=$len -timeout=10 -rss_limit_mb=4096 \
      -artifact_prefix=$PWD/Fuzz/crashes/$target/ -print_final_stats=1 "$@"
    ;;
  *) sed -n 2,12p "$0"; exit 2 ;;
esac
